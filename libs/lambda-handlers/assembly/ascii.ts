// Byte values the tokenizer, field rules and line writer compare against.
export const TAB: u32 = 0x09;
export const LF: u32 = 0x0a;
export const CR: u32 = 0x0d;
export const SPACE: u32 = 0x20;
export const QUOTE: u32 = 0x22;
export const PLUS: u32 = 0x2b;
export const COMMA: u32 = 0x2c;
export const HYPHEN_MINUS: u32 = 0x2d;
export const POINT: u32 = 0x2e;
export const DIGIT_ZERO: u32 = 0x30;
export const COLON: u32 = 0x3a;
export const UPPER_T: u32 = 0x54;
export const UPPER_Z: u32 = 0x5a;
export const BACKSLASH: u32 = 0x5c;
/** DEL: the last ASCII byte; JSON does not escape it. */
export const MAX_ASCII: u32 = 0x7f;
