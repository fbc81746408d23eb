/**
 * Issue 5: every print page is a PDF/X-1a:2001 file. Read from the real PDFs of the sample
 * build with our own parser (streams inflated with zlib); external-tools.test.ts runs qpdf,
 * Ghostscript and poppler over the same kind of files.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { follow, numberArray, refEntries } from '../support/pdf-reader';
import { trimOrigin } from '../../src/render';
import { buildSample, infoValue, MM, type BuiltSample } from './sample';

let sample: BuiltSample;
before(async () => { sample = await buildSample(); });

test('PDF 1.3, one page per file', () => {
  for (const file of sample.files) {
    assert.equal(file.bytes.toString('latin1', 0, 8), '%PDF-1.3', file.path);
    assert.equal([...file.pdf.objects.values()].filter((o) => /\/Type \/Page\b/.test(o.body) && !/\/Type \/Pages/.test(o.body)).length, 1);
  }
});

test('TrimBox is the 390 × 543 mm page, BleedBox 3 mm beyond it, MediaBox room for marks, no UserUnit', () => {
  for (const [i, file] of sample.files.entries()) {
    const geometry = sample.result.pages[i]!.geometry;
    const origin = trimOrigin(geometry);
    const trim = numberArray(file.page.body, 'TrimBox')!;
    const bleed = numberArray(file.page.body, 'BleedBox')!;
    const media = numberArray(file.page.body, 'MediaBox')!;
    assert.ok(Math.abs((trim[2]! - trim[0]!) / MM - 390) < 0.01 && Math.abs((trim[3]! - trim[1]!) / MM - 543) < 0.01, `trim ${trim}`);
    assert.deepEqual(trim.map((v) => Math.round(v * 100)), [origin, origin, origin + geometry.trimWidth, origin + geometry.trimHeight].map((v) => Math.round(v * 100)));
    for (const side of [0, 1]) assert.ok(Math.abs(trim[side]! - bleed[side]! - 3 * MM) < 0.01, 'bleed 3 mm');
    for (const side of [2, 3]) assert.ok(Math.abs(bleed[side]! - trim[side]! - 3 * MM) < 0.01, 'bleed 3 mm');
    assert.ok(media[0] === 0 && media[1] === 0 && media[2]! - bleed[2]! >= 10 * MM && media[3]! - bleed[3]! >= 10 * MM, 'at least 10 mm for marks outside the bleed');
    assert.doesNotMatch(file.page.body, /UserUnit|CropBox/);
  }
});

test('one GTS_PDFX output intent with the embedded CMYK output profile and its identifier', () => {
  for (const file of sample.files) {
    const root = follow(file.pdf, file.pdf.trailer, 'Root')!;
    const refs = /\/OutputIntents \[([^\]]*)\]/.exec(root.body)?.[1]?.match(/\d+ 0 R/g) ?? [];
    assert.equal(refs.length, 1);
    const intent = file.pdf.objects.get(parseInt(refs[0]!, 10))!;
    assert.match(intent.body, /\/S \/GTS_PDFX/);
    // Issue 11: the profile is our own 240 % build, so the identifier is Custom and the condition describes it.
    assert.match(intent.body, /\/OutputConditionIdentifier \(Custom\)/);
    assert.match(intent.body, /\/OutputCondition \(Newsprint stand-in: CMYK output profile built with ArgyllCMS colprof from FOGRA29L/);
    assert.match(intent.body, /\/RegistryName \(http:\/\/www\.color\.org\)/);
    const profile = follow(file.pdf, intent.body, 'DestOutputProfile')!;
    assert.match(profile.body, /\/N 4/);
    assert.equal(profile.stream!.toString('latin1', 12, 20), 'prtrCMYK', 'an output-class CMYK profile');
    assert.equal(profile.stream!.toString('latin1', 36, 40), 'acsp');
  }
});

test('Info: PDF/X-1a:2001 identification, Trapped as the name /False, title and fixed dates; /ID unique per page', () => {
  const ids = new Set<string>();
  for (const file of sample.files) {
    assert.equal(infoValue(file.pdf, 'GTS_PDFXVersion'), '(PDF/X-1:2001)');
    assert.equal(infoValue(file.pdf, 'GTS_PDFXConformance'), '(PDF/X-1a:2001)');
    assert.equal(infoValue(file.pdf, 'Trapped'), '/False', 'a name, not a string');
    assert.ok(infoValue(file.pdf, 'Title'));
    // The edition date, not the wall clock: the build is reproducible.
    assert.equal(infoValue(file.pdf, 'CreationDate'), '(D:20210305000000Z)');
    assert.equal(infoValue(file.pdf, 'ModDate'), '(D:20210305000000Z)');
    const id = /\/ID \[<([0-9a-f]+)>/.exec(file.pdf.trailer)?.[1];
    assert.ok(id);
    ids.add(id);
    assert.doesNotMatch(file.pdf.trailer, /Encrypt/);
  }
  assert.equal(ids.size, sample.files.length);
});

test('every colour operator is DeviceCMYK or the registration separation; no RGB anywhere', () => {
  for (const file of sample.files) {
    const text = file.bytes.toString('latin1');
    assert.doesNotMatch(text, /DeviceRGB|ICCBased|CalRGB/, 'no RGB colour space object');
    const resources = follow(file.pdf, file.page.body, 'Resources')!;
    const spaces = refEntries(resources.body, 'ColorSpace');
    for (const op of file.ops) {
      assert.ok(!['rg', 'RG', 'sc', 'SC'].includes(op.operator), `${op.operator} in ${file.path}`);
      if (op.operator === 'k' || op.operator === 'K') {
        assert.equal(op.operands.length, 4);
        for (const v of op.operands) assert.ok(Number(v) >= 0 && Number(v) <= 1, op.operands.join(' '));
      }
      if (op.operator === 'cs' || op.operator === 'CS') {
        const name = op.operands[0]!.slice(1);
        const definition = file.pdf.objects.get(spaces.get(name) ?? -1)?.body ?? '';
        assert.match(definition, /^\[\/Separation \/All \/DeviceCMYK/, `${name} is the registration colour`);
      }
      if (op.operator === 'scn' || op.operator === 'SCN') assert.deepEqual(op.operands, ['1']);
    }
  }
});

test('body text is painted in 0 0 0 1 k (100 % K, never rich black), overprinting', () => {
  for (const file of sample.files) {
    let state = { fill: '', overprint: false };
    const stack: (typeof state)[] = [];
    const textFills = new Map<string, number>();
    for (const op of file.ops) {
      if (op.operator === 'q') stack.push(state);
      if (op.operator === 'Q') state = stack.pop() ?? { fill: '', overprint: false };
      if (op.operator === 'k') state = { ...state, fill: op.operands.join(' ') };
      if (op.operator === 'gs') state = { ...state, overprint: op.operands[0] === '/GSop' };
      if (op.operator === 'TJ') {
        const key = `${state.fill}${state.overprint ? ' op' : ''}`;
        textFills.set(key, (textFills.get(key) ?? 0) + 1);
      }
    }
    const black = textFills.get('0 0 0 1 op') ?? 0;
    const all = [...textFills.values()].reduce((a, b) => a + b, 0);
    // Body text is most of the runs; the rest are display lines in red, magenta and the slug.
    assert.ok(black / all > 0.85, `black text runs ${black} of ${all}: ${JSON.stringify([...textFills])}`);
    const allowed = new Set(['0 0 0 1 op', '0 0 0 1', '0 1 1 0.1', '0 1 0 0', '1 0 0 0', '0 0 1 0']);
    for (const fill of textFills.keys()) assert.ok(allowed.has(fill), `text fill ${fill}`);
  }
  // And in the page model: every body line's runs resolve to K100.
  for (const page of sample.result.pages) {
    for (const item of page.items) {
      if (item.kind !== 'text' || item.role !== 'body') continue;
      for (const run of item.line.runs) assert.deepEqual(page.palette.get(run.color ?? 'black'), { c: 0, m: 0, y: 0, k: 100 }, item.line.text);
    }
  }
});

test('every image is a DeviceCMYK or DeviceGray JPEG without a soft mask', () => {
  for (const file of sample.files) {
    const resources = follow(file.pdf, file.page.body, 'Resources')!;
    const images = refEntries(resources.body, 'XObject');
    assert.ok(images.size >= 2);
    for (const [name, id] of images) {
      const body = file.pdf.objects.get(id)!.body;
      assert.match(body, /\/Subtype \/Image/);
      assert.match(body, /\/ColorSpace \/Device(CMYK|Gray)/, name);
      assert.match(body, /\/Filter \/DCTDecode/, name);
      assert.doesNotMatch(body, /SMask/, name);
    }
  }
});

test('every font is embedded (a FontFile2 for each TrueType descendant)', () => {
  for (const file of sample.files) {
    const resources = follow(file.pdf, file.page.body, 'Resources')!;
    const fonts = refEntries(resources.body, 'Font');
    assert.ok(fonts.size >= 3);
    for (const [, id] of fonts) {
      const font = file.pdf.objects.get(id)!.body;
      const descendant = file.pdf.objects.get(Number(/\/DescendantFonts \[(\d+) 0 R\]/.exec(font)?.[1]))!;
      const descriptor = follow(file.pdf, descendant.body, 'FontDescriptor')!;
      assert.match(descriptor.body, /\/FontFile2 \d+ 0 R/, font);
    }
  }
});

test('no transparency: no ExtGState with alpha, soft mask or blend mode', () => {
  for (const file of sample.files) {
    for (const object of file.pdf.objects.values()) {
      if (!/\/Type \/ExtGState/.test(object.body)) continue;
      assert.doesNotMatch(object.body, /\/(ca|CA|SMask|BM) /, object.body);
    }
  }
});

test('issue-11: subset tags come from each subset\'s glyphs, not from the resource name PDFKit reuses in every file', () => {
  const tags = sample.files.map((file) => [...file.bytes.toString('latin1').matchAll(/\/BaseFont \/([A-Z]{6})\+(\S+)/g)].map((m) => `${m[1]}+${m[2]}`));
  for (const list of tags) for (const tag of list) assert.doesNotMatch(tag, /^[A-Z]ZZZZZ\+/, 'PDFKit\'s own tag');
  const serif = tags.map((list) => list.find((t) => t.endsWith('+NotoSerifSC-Regular')));
  assert.ok(serif[0] && serif[1]);
  assert.notEqual(serif[0], serif[1], 'two pages keep different glyphs of the body face, so their subsets differ in name');
});
