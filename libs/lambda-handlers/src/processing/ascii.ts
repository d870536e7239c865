/** The ASCII byte values that the readers and field rules look for, by their Unicode names. */
export const TAB = 0x09;
export const LF = 0x0a;
export const CR = 0x0d;
export const SPACE = 0x20;
export const QUOTE = 0x22;
export const PLUS = 0x2b;
export const HYPHEN_MINUS = 0x2d;
export const POINT = 0x2e;
export const DIGIT_ZERO = 0x30;
export const DIGIT_NINE = 0x39;
export const COLON = 0x3a;
export const UPPER_T = 0x54;
export const UPPER_Z = 0x5a;
export const BACKSLASH = 0x5c;
