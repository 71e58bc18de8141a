// Lint rules that keep SQL where the architecture puts it (eslint.config.js says where they apply):
// - no-write-sql: SQL that writes (INSERT, UPDATE … SET, DELETE FROM, REPLACE, CREATE, DROP,
//   ALTER) in any string or template literal. Every write to shared data goes through db/write/,
//   where it is recorded in its transaction; team sync depends on seeing every change there.
// - no-sql-outside-db: preparing or executing SQL at all (`.prepare(…)`, `.exec('…')`,
//   db/statements) or opening a transaction (`.transaction(() => …)`). Services and contract
//   handlers call db/queries and db/write instead.
// Literals are checked, not only the arguments of prepare/exec, so SQL assembled in a variable or
// a helper is caught too.

const WRITE_SQL =
  /\b(?:INSERT\s+(?:OR\s+[A-Z]+\s+)?INTO|REPLACE\s+INTO|UPDATE\s+(?:OR\s+[A-Z]+\s+)?["`[]?[\w.]+["`\]]?\s+SET|DELETE\s+FROM|CREATE\s+(?:TEMP\s+|TEMPORARY\s+|UNIQUE\s+|VIRTUAL\s+)?(?:TABLE|INDEX|TRIGGER|VIEW)|DROP\s+(?:TABLE|INDEX|TRIGGER|VIEW)|ALTER\s+TABLE)\b/i;

/** The literal's text; a template's placeholders read as a name, so `UPDATE ${t} SET` is seen. */
function textOf(node) {
  if (node.type === 'Literal') return typeof node.value === 'string' ? node.value : null;
  return node.quasis.map((q) => q.value.cooked ?? q.value.raw).join('x');
}

const noWriteSql = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL that writes belongs in db/write/ (the one write path)' },
    messages: {
      write:
        'SQL that writes ("{{sql}}") belongs in db/write/: every change to shared data goes through the one write path, which records it in the same transaction. Call a db/write function instead.',
    },
    schema: [],
  },
  create(context) {
    const check = (node) => {
      const text = textOf(node);
      const m = text && WRITE_SQL.exec(text);
      if (m) context.report({ node, messageId: 'write', data: { sql: m[0].replace(/\s+/g, ' ') } });
    };
    return { Literal: check, TemplateLiteral: check };
  },
};

const SQL_START = /^\s*(?:SELECT|WITH|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|VACUUM|ANALYZE|REINDEX|ATTACH|DETACH)\b/i;

/** A string or template argument that reads as SQL (RegExp#exec takes strings too). */
const isSql = (node) => Boolean(node) && (node.type === 'Literal' || node.type === 'TemplateLiteral') && SQL_START.test(textOf(node) ?? '');

const noSqlOutsideDb = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL lives in db/ (db/queries for reads, db/write for writes)' },
    messages: {
      sql: 'SQL lives in db/: put this read in db/queries (or the write in db/write) and call it from here.',
      statements: 'The shared statement cache is for db/ code only.',
      transaction: 'Write transactions belong to the write layer: call a db/write function (they run in writeTransaction).',
    },
    schema: [],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        const name = callee.property.name;
        if (name === 'prepare' || (name === 'exec' && isSql(node.arguments[0]))) context.report({ node, messageId: 'sql' });
        else if (name === 'transaction' && node.arguments[0]?.type.endsWith('FunctionExpression')) context.report({ node, messageId: 'transaction' });
      },
      ImportDeclaration(node) {
        if (/(^|\/)db\/statements(\.js)?$/.test(node.source.value)) context.report({ node, messageId: 'statements' });
      },
    };
  },
};

export default { rules: { 'no-write-sql': noWriteSql, 'no-sql-outside-db': noSqlOutsideDb } };
