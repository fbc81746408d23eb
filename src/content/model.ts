/**
 * The content model: what a manuscript says, independent of how it will be laid out.
 * Produced by the importers in this folder, consumed by the template stage.
 */
import type { Diagnostic, SourceRef } from '../diagnostics';
import type { Fillers } from './fillers';

export type { DataFigure, Fillers, PullQuote } from './fillers';

/** A stretch of text with inline emphasis. `text` never contains manuscript markup (no `**`). */
export interface Span {
  readonly text: string;
  readonly bold: boolean;
}

interface BlockBase {
  readonly source: SourceRef;
}

/** Body paragraph. A lead paragraph opens with a bold lead-in: ——**全力抗击新冠肺炎疫情。**… */
export interface ParagraphBlock extends BlockBase {
  readonly kind: 'paragraph' | 'lead-paragraph';
  readonly spans: readonly Span[];
}

/** Lettered section head: "A 撸起袖子加油干，经济发展回暖向好". */
export interface SectionBlock extends BlockBase {
  readonly kind: 'section';
  /** "A", "B", … */
  readonly letter: string;
  readonly title: string;
}

/** 关键词 box: label "关键词" and the text after the colon. */
export interface KeywordsBlock extends BlockBase {
  readonly kind: 'keywords';
  readonly label: string;
  readonly text: string;
}

/** Run-in subhead standing alone on its line: "——要坚持构建现代产业体系". */
export interface SubheadBlock extends BlockBase {
  readonly kind: 'subhead';
  readonly text: string;
}

export type Block = ParagraphBlock | SectionBlock | KeywordsBlock | SubheadBlock;

export interface Part {
  /** "上篇", "中篇", "下篇", … */
  readonly label: string;
  /** What follows the label in the kicker: "回首 2020". */
  readonly kickerTitle: string;
  /** The headline as the manuscript breaks it into lines. */
  readonly headline: readonly string[];
  readonly blocks: readonly Block[];
  /** What a short page may set from this part's own words: pull quotes and 关键词 figures. */
  readonly fillers: Fillers;
  readonly source: SourceRef;
}

export interface Caption {
  readonly text: string;
  /** "■武少雄 摄"; absent when the manuscript gives none. */
  readonly credit?: string;
  readonly source: SourceRef;
  /** Index of the part whose text the caption stood in, after reading order was restored. */
  readonly partIndex: number;
}

export interface Feature {
  readonly title: string;
  readonly titleSource: SourceRef;
  /** "——衡南县扎实推进高质量发展纪实", dashes included. */
  readonly subtitle?: string;
  /** "■策划 / 李桂花 撰文 / …". */
  readonly credit?: string;
  readonly creditSource?: SourceRef;
  readonly parts: readonly Part[];
  readonly captions: readonly Caption[];
}

export interface Editors {
  readonly 责任编辑?: string;
  readonly 美术编辑?: string;
  readonly 校对?: string;
}

export interface PhotoEntry {
  /** Path relative to the edition folder. */
  readonly file: string;
  /** Text of the manuscript caption it illustrates. */
  readonly caption?: string;
  /** 版次 of the page the photo should go on; otherwise the template decides. */
  readonly page?: number;
  /** Focus point for cropping, fractions of width and height. */
  readonly focus?: { readonly x: number; readonly y: number };
  readonly source: SourceRef;
}

export interface EditionMeta {
  readonly paper: string;
  /** ISO date, YYYY-MM-DD. */
  readonly date: string;
  /** 版次 of each page, in order. */
  readonly pages: readonly number[];
  /** 版名. */
  readonly section: string;
  readonly editors: Editors;
  readonly template: string;
  readonly manuscript: string;
  /** Where `manuscript` is set in edition.yaml, for messages about that path. */
  readonly manuscriptSource: SourceRef;
  /** Where `pages` is set, for messages about pages without parts. */
  readonly pagesSource?: SourceRef;
  /** Where `template` is set, for messages about an unknown template. */
  readonly templateSource?: SourceRef;
  /** Part kickers across the page (default) or as vertical (竖排) heads. */
  readonly part_heads?: 'horizontal' | 'vertical';
  readonly photos: readonly PhotoEntry[];
}

/** A photo matched to its caption. */
export interface PhotoAssignment {
  /** Absolute path. */
  readonly path: string;
  readonly entry: PhotoEntry;
  readonly caption: Caption;
}

export interface Edition {
  /** The edition folder's name. */
  readonly id: string;
  readonly folder: string;
  readonly meta: EditionMeta;
  readonly feature: Feature;
  readonly photos: readonly PhotoAssignment[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Plain text of a block as a reader sees it (markup gone). */
export const blockText = (block: Block): string => {
  switch (block.kind) {
    case 'paragraph':
    case 'lead-paragraph':
      return block.spans.map((s) => s.text).join('');
    case 'section':
      return `${block.letter} ${block.title}`;
    case 'keywords':
      return `${block.label}：${block.text}`;
    case 'subhead':
      return block.text;
  }
};
