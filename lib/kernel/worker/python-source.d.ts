// Python helper sources are bundled into the worker as text (esbuild loader ".py": "text").
declare module "*.py" {
  const source: string;
  export default source;
}
