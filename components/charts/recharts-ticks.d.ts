// recharts' own tick algorithm, which static-geometry.test.ts holds the server-drawn chart's ticks to;
// recharts ships its types for it under types/ and its code under es6/.
declare module 'recharts/es6/util/scale/getNiceTickValues.js' {
  export { getNiceTickValues } from 'recharts/types/util/scale/getNiceTickValues';
}
