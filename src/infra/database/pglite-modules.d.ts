// The project compiles with moduleResolution "node10", which ignores package.json "exports";
// these ambient declarations point the PGlite subpath imports at their bundled typings.
declare module '@electric-sql/pglite/node-postgres' {
  export * from '@electric-sql/pglite/dist/node-postgres/index';
}
declare module '@electric-sql/pglite/contrib/btree_gist' {
  export * from '@electric-sql/pglite/dist/contrib/btree_gist';
}
