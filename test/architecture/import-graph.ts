import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One import of a source file: the file it names (or the package) and whether only types come through it. */
export interface ImportEdge {
  from: string;
  /** A path relative to the project root for a project file; the bare name for a package. */
  to: string;
  typeOnly: boolean;
  external: boolean;
}

/** Every static and dynamic import of one file's text, resolved against its path (both relative to `root`). */
export function importsOf(_root: string, file: string, text: string): ImportEdge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (specifier: string, typeOnly: boolean): void => {
    if (!specifier.startsWith('.')) {
      edges.push({ from: file, to: specifier, typeOnly, external: true });
      return;
    }
    const resolved = path.normalize(path.join(path.dirname(file), specifier)).replace(/\.js$/, '.ts');
    edges.push({ from: file, to: resolved, typeOnly, external: false });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** Every .ts file under `dir` (relative to root), tests left out: the rules are about the product's code. */
export function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(path.join(root, d), { withFileTypes: true })) {
      const rel = path.join(d, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) out.push(rel);
    }
  };
  walk(dir);
  return out.sort();
}

export function projectImports(root: string, dir = 'src'): ImportEdge[] {
  return sourceFiles(root, dir).flatMap((f) => importsOf(root, f, fs.readFileSync(path.join(root, f), 'utf8')));
}
