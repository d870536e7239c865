/** Migration files are plain SQL, imported as text (esbuild `loader: { '.sql': 'text' }`, and the vitest plugin). */
declare module '*.sql' {
  const text: string;
  export default text;
}
