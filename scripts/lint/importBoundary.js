// ESLint rule `layers/import-boundary`: a relative import must resolve inside one of the folders a
// layer may reach, and (when `packages` is given) a bare import must name one of those packages.
// Glob patterns in no-restricted-imports match the import text, so `../../emulator/x` and
// `../emulator/x` would each need their own pattern; resolving the path states the rule once.
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

function inside(folder, target) {
  const rel = relative(resolve(ROOT, folder), target);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !rel.includes(':'));
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function checkSource(context, node, options) {
  if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
  const spec = node.value;
  if (spec.startsWith('.')) {
    const target = resolve(dirname(context.filename), spec);
    if (!options.folders.some((f) => inside(f, target))) {
      context.report({ node, messageId: 'folder', data: { spec, folders: options.folders.join(', ') } });
    }
  } else if (options.packages && !options.packages.includes(packageName(spec))) {
    context.report({ node, messageId: 'package', data: { spec, packages: options.packages.join(', ') } });
  }
}

export const importBoundary = {
  meta: {
    type: 'problem',
    schema: [
      {
        type: 'object',
        properties: { folders: { type: 'array', items: { type: 'string' } }, packages: { type: 'array', items: { type: 'string' } } },
        required: ['folders'],
        additionalProperties: false,
      },
    ],
    messages: {
      folder: "'{{spec}}' leaves this layer: it may import only from {{folders}}.",
      package: "'{{spec}}' is not allowed here: this layer may import only the packages {{packages}}.",
    },
  },
  create(context) {
    const options = context.options[0];
    const check = (node) => checkSource(context, node.source, options);
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default { rules: { 'import-boundary': importBoundary } };
