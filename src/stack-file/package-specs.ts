import npa from 'npm-package-arg';

/**
 * Package specs of npx: and uvx: servers, parsed by the grammars their tools use, so that what the
 * file says is what gets installed, and nothing in it is ever read as shell or Dockerfile syntax.
 */
export type PackageSpecResult =
  | {
      readonly ok: true;
      /** The package's name: the npm package whose bin runs, the PyPI project whose command runs. */
      readonly name: string;
      /** The spec handed to the installer (uvx's `name@1.2` becomes `name==1.2`). */
      readonly install: string;
      readonly pinned: boolean;
    }
  | { readonly ok: false; readonly message: string };

/** An npm registry spec (name, name@version, @range, @tag, scoped), parsed by npm's own parser. */
export function parseNpmSpec(spec: string): PackageSpecResult {
  let parsed: npa.Result;
  try {
    parsed = npa(spec);
  } catch (err) {
    return { ok: false, message: `npx package "${spec}" is not an npm package spec: ${err instanceof Error ? err.message : String(err)}` };
  }
  switch (parsed.type) {
    case 'version':
    case 'range':
    case 'tag':
      if (/\s/.test(spec)) return { ok: false, message: `npx package "${spec}" contains white space: write one package spec, e.g. name@1.2.3` };
      return { ok: true, name: parsed.name ?? spec, install: spec, pinned: parsed.type === 'version' };
    case 'git':
      return { ok: false, message: `npx package "${spec}" is a git spec: not supported (the runtime image has no git); publish it, or package it with build:` };
    case 'remote':
      return { ok: false, message: `npx package "${spec}" is a tarball URL: not supported; use a registry version, or package it with build:` };
    case 'file':
    case 'directory':
      return { ok: false, message: `npx package "${spec}" is a local path: not supported (it is outside the image build); package it with build:` };
    default:
      return { ok: false, message: `npx package "${spec}" is an npm ${parsed.type} spec: not supported; use name@version` };
  }
}

// PEP 508 without URLs and markers: name, extras, version specifiers (PEP 440 operators).
const PY_NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?';
const PY_VERSION = '[A-Za-z0-9_.*+!-]+';
const PY_CLAUSE = `(?:===|==|!=|<=|>=|~=|<|>)\\s*${PY_VERSION}`;
const PY_REQUIREMENT = new RegExp(`^(${PY_NAME})\\s*(?:\\[\\s*${PY_NAME}(?:\\s*,\\s*${PY_NAME})*\\s*\\])?\\s*(${PY_CLAUSE}(?:\\s*,\\s*${PY_CLAUSE})*)?$`);

/** A PyPI requirement as PEP 508 writes it: name, [extras], version specifiers. */
export function parsePythonRequirement(spec: string): PackageSpecResult {
  // uvx's own shorthand: name@1.2.3 (and name@latest, the newest).
  const at = new RegExp(`^(${PY_NAME}(?:\\[[^\\]]*\\])?)@(${PY_VERSION})$`).exec(spec.trim());
  if (at) return parsePythonRequirement(at[2] === 'latest' ? (at[1] ?? '') : `${at[1] ?? ''}==${at[2] ?? ''}`);
  const m = PY_REQUIREMENT.exec(spec.trim());
  if (m) return { ok: true, name: m[1] ?? spec, install: spec.trim(), pinned: /^(===|==)\s*[^*,]+$/.test(m[2] ?? '') };
  if (spec.includes(';')) return { ok: false, message: `uvx package "${spec}": environment markers (;) are not supported; write name, [extras] and version specifiers` };
  if (/@|:\/\//.test(spec)) return { ok: false, message: `uvx package "${spec}": URL requirements are not supported; use a PyPI release (name==1.2.3), or package it with build:` };
  return { ok: false, message: `uvx package "${spec}" is not a PEP 508 requirement: write name, [extras] and version specifiers, e.g. mcp-server-fetch==2025.4.7` };
}
