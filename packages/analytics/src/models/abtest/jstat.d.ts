// jstat 1.9.6 ships no types; distributions.ts gives the few functions used here their types.
declare module 'jstat';
