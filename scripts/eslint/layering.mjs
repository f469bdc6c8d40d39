// A local ESLint plugin with one rule, `layering`: every top-level folder of the repository is a layer that
// lists what it may import (other layers, Node built-ins, npm packages), so an import against the
// dependency direction fails `npm run lint` instead of waiting for a review. Modelled on VS Code's
// `code-layering` rule (.eslint-plugin-local/code-layering.ts), with our own configuration: see
// scripts/eslint/layers.mjs for the layers, and test/scripts/eslint/layering.test.ts for what it reports.
import { builtinModules } from 'node:module';
import path from 'node:path';

const BUILTINS = new Set(builtinModules);

/** `fs`, `fs/promises`, `node:test`: a Node built-in. */
function isBuiltin(specifier) {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]);
}

/** `react-dom/client` → `react-dom`; `@vitejs/plugin-react` stays whole. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The file's path from the repository root, with forward slashes; null when it is outside. */
function fromRoot(root, file) {
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return relative.split(path.sep).join('/');
}

/** The layer a repository path belongs to: a listed file's own layer, else its top-level folder. */
function layerOf(options, relative) {
  const assigned = options.files?.[relative];
  if (assigned) return assigned;
  const slash = relative.indexOf('/');
  return slash === -1 ? null : relative.slice(0, slash);
}

function describeAllowed(spec) {
  return spec.imports.map((layer) => `${layer}/`).join(', ');
}

/** @type {import('eslint').Rule.RuleModule} */
const layering = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layers: each top-level folder lists the layers it may import.' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          files: { type: 'object', additionalProperties: { type: 'string' } },
          layers: {
            type: 'object',
            additionalProperties: {
              type: 'object',
              properties: {
                imports: { type: 'array', items: { type: 'string' } },
                builtins: { type: 'boolean' },
                packages: { oneOf: [{ const: '*' }, { type: 'array', items: { type: 'string' } }] },
                deniedPackages: { type: 'array', items: { type: 'string' } },
                rootFiles: { type: 'array', items: { type: 'string' } },
                hint: { type: 'string' },
              },
              required: ['imports', 'builtins', 'packages', 'hint'],
              additionalProperties: false,
            },
          },
        },
        required: ['root', 'layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      wrongLayer:
        "Bad layering: {{from}}/ may not import {{to}}/ ('{{specifier}}'); {{from}}/ may import {{allowed}}. {{hint}}",
      builtin: "Bad layering: {{from}}/ may not import the Node built-in '{{specifier}}'. {{hint}}",
      package: "Bad layering: {{from}}/ may not import the package '{{name}}'{{only}}. {{hint}}",
      outside:
        "Bad layering: {{from}}/ may not import '{{specifier}}', which is outside the layers (top-level folders). {{hint}}",
    },
  },

  create(context) {
    const options = context.options[0];
    const root = path.resolve(options.root);
    const file = fromRoot(root, context.filename);
    if (file === null) return {};
    const from = layerOf(options, file);
    const spec = from === null ? undefined : options.layers[from];
    if (spec === undefined) return {}; // a root-level config file or an unlisted folder: not a layer

    function check(node, specifier) {
      const data = { from, specifier, hint: spec.hint };
      if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
        const target = fromRoot(root, path.resolve(path.dirname(context.filename), specifier));
        const to = target === null ? null : layerOf(options, target);
        if (target !== null && to === null) {
          if (!(spec.rootFiles ?? []).includes(target)) context.report({ node, messageId: 'outside', data });
        } else if (to === null || options.layers[to] === undefined) {
          context.report({ node, messageId: 'outside', data });
        } else if (!spec.imports.includes(to)) {
          context.report({ node, messageId: 'wrongLayer', data: { ...data, to, allowed: describeAllowed(spec) } });
        }
        return;
      }
      if (isBuiltin(specifier)) {
        if (!spec.builtins) context.report({ node, messageId: 'builtin', data });
        return;
      }
      const name = packageName(specifier);
      const allowed =
        !(spec.deniedPackages ?? []).includes(name) && (spec.packages === '*' || spec.packages.includes(name));
      if (!allowed) {
        const only = Array.isArray(spec.packages) ? ` (${from}/ may import only: ${spec.packages.join(', ')})` : '';
        context.report({ node, messageId: 'package', data: { ...data, name, only } });
      }
    }

    function checkSource(node, source) {
      if (source && source.type === 'Literal' && typeof source.value === 'string') check(node, source.value);
    }

    return {
      ImportDeclaration: (node) => checkSource(node, node.source),
      ExportNamedDeclaration: (node) => checkSource(node, node.source),
      ExportAllDeclaration: (node) => checkSource(node, node.source),
      ImportExpression: (node) => checkSource(node, node.source),
      // `import x = require('...')` and `import('...').Type` in TypeScript files.
      TSExternalModuleReference: (node) => checkSource(node, node.expression),
      TSImportType: (node) => checkSource(node, node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') checkSource(node, node.arguments[0]);
      },
    };
  },
};

/** The plugin (`local/layering` in eslint.config.mjs). */
const plugin = { meta: { name: 'pixel-ledger-local' }, rules: { layering } };
export default plugin;
