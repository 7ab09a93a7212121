import type { Lang } from '../../session/captureSession';
import { en, type Messages } from './en';
import { zhCn } from './zh-cn';

export type { Messages };

/** The explanation texts of a language (English for anything but zh-cn). */
export function messages(lang: Lang): Messages {
  return lang === 'zh-cn' ? zhCn : en;
}

/** Every language and its table, for tests that compare key sets. */
export const ALL_MESSAGES: Readonly<Record<Lang, Messages>> = { en, 'zh-cn': zhCn };
