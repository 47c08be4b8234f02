import { existsSync, readdirSync } from 'fs';

/**
 * The software a sandboxed run sees, named per task so that results can be reproduced and new runtimes (a GPU
 * one with PyTorch, for GPU worker pools) can be added without changing tasks. Values are stored in tasks:
 * never rename one.
 */
export enum SandboxRuntime {
  /** Debian's python3 with its standard library only (the scientific packages are hidden). */
  Python = 'python',
  /** Debian's python3 with numpy, scipy, pandas and scikit-learn from Debian's packages. */
  PythonScientific = 'python-scientific',
}

export interface RuntimeDefinition {
  name: SandboxRuntime;
  /** The Debian packages the runtime needs on every worker (`.ci/run`, the Dockerfile and the README install them). */
  debianPackages: string[];
  /** Python modules whose versions the worker reports (import name → the name shown). */
  modules: Record<string, string>;
  /** Host folders hidden inside the sandbox (an empty read-only tmpfs over them). */
  hiddenPaths: string[];
}

/** Where Debian's python3 finds packaged and pip-installed modules (python3/ and python3.N/); hiding them leaves the standard library. */
export function pythonPackageFolders(): string[] {
  return ['/usr/lib', '/usr/local/lib'].flatMap((base) => {
    const names = existsSync(base) ? readdirSync(base).filter((name) => /^python3(\.\d+)?$/.test(name)) : [];
    return names.map((name) => `${base}/${name}/dist-packages`).filter((path) => existsSync(path));
  });
}

export const RUNTIMES: Record<SandboxRuntime, RuntimeDefinition> = {
  [SandboxRuntime.Python]: { name: SandboxRuntime.Python, debianPackages: ['python3'], modules: {}, hiddenPaths: pythonPackageFolders() },
  [SandboxRuntime.PythonScientific]: {
    name: SandboxRuntime.PythonScientific,
    debianPackages: ['python3', 'python3-numpy', 'python3-scipy', 'python3-pandas', 'python3-sklearn'],
    modules: { numpy: 'numpy', scipy: 'scipy', pandas: 'pandas', sklearn: 'scikit-learn' },
    hiddenPaths: [],
  },
};

/** What a task gets when its organiser names none. */
export const DEFAULT_RUNTIME = SandboxRuntime.PythonScientific;

/** What one worker found of a runtime: the versions of python3 and of each module, or what is missing. */
export interface RuntimeReport {
  ready: boolean;
  versions: Record<string, string>;
  missing: string[];
}
