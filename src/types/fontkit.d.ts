// fontkit ships no type declarations; src/typeset/fonts.ts narrows what we use to NativeFont.
declare module 'fontkit' {
  export function create(buffer: Buffer | Uint8Array, postscriptName?: string): unknown;
  export function openSync(path: string, postscriptName?: string): unknown;
}
