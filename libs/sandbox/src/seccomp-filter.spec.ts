import {
  BPF,
  CLONE_NAMESPACE_FLAGS,
  DENIED_SYSCALLS,
  hostSeccompArch,
  SECCOMP_RET_ALLOW,
  SECCOMP_RET_ERRNO,
  SECCOMP_RET_KILL_PROCESS,
  SeccompArch,
  seccompFilter,
} from './seccomp-filter';

const X86_64 = 0xc000003e;
const AARCH64 = 0xc00000b7;
const I386 = 0x40000003;
const EPERM = SECCOMP_RET_ERRNO | 1;
const ENOSYS = SECCOMP_RET_ERRNO | 38;

/** A classic-BPF interpreter for the instructions the generator emits, as the kernel would run them. */
function run(program: Buffer, data: { nr: number; arch: number; arg0?: number }): number {
  const word = (offset: number): number => {
    if (offset === 0) return data.nr >>> 0;
    if (offset === 4) return data.arch >>> 0;
    if (offset === 16) return (data.arg0 ?? 0) >>> 0;
    throw new Error(`unexpected load at ${offset}`);
  };
  let accumulator = 0;
  for (let pc = 0; pc < program.length / 8; pc += 1) {
    const code = program.readUInt16LE(pc * 8);
    const jt = program.readUInt8(pc * 8 + 2);
    const jf = program.readUInt8(pc * 8 + 3);
    const k = program.readUInt32LE(pc * 8 + 4);
    if (code === BPF.LD_W_ABS) accumulator = word(k);
    else if (code === BPF.RET) return k;
    else if (code === BPF.JEQ) pc += accumulator === k ? jt : jf;
    else if (code === BPF.JGE) pc += accumulator >= k ? jt : jf;
    else if (code === BPF.JSET) pc += (accumulator & k) !== 0 ? jt : jf;
    else throw new Error(`unexpected opcode ${code}`);
  }
  throw new Error('fell off the end of the program');
}

describe('seccomp filter', () => {
  const cases: Array<[SeccompArch, number, Record<string, number>]> = [
    ['x86_64', X86_64, { read: 0, write: 1, openat: 257, mmap: 9, execve: 59, clone: 56, ptrace: 101, unshare: 272, mount: 165 }],
    ['aarch64', AARCH64, { read: 63, write: 64, openat: 56, mmap: 222, execve: 221, clone: 220, ptrace: 117, unshare: 97, mount: 40 }],
  ];

  it('should start by loading the architecture and killing on any other, in 8-byte little-endian instructions', () => {
    const program = seccompFilter('x86_64');
    expect(program.length % 8).toBe(0);
    expect([...program.subarray(0, 8)]).toEqual([0x20, 0, 0, 0, 4, 0, 0, 0]);
    expect([program.readUInt16LE(8), program.readUInt8(10), program.readUInt32LE(12)]).toEqual([BPF.JEQ, 0, X86_64]);
    expect(program.readUInt32LE(program.length - 4)).toBe(SECCOMP_RET_KILL_PROCESS);
  });

  it.each(cases)('should answer EPERM to every denied syscall when the architecture is %s', (arch, audit, numbers) => {
    const program = seccompFilter(arch);
    for (const [name, perArch] of Object.entries(DENIED_SYSCALLS)) {
      if (perArch[arch] !== undefined) expect([name, run(program, { nr: perArch[arch], arch: audit })]).toEqual([name, EPERM]);
    }
    for (const name of ['ptrace', 'unshare', 'mount']) expect(run(program, { nr: numbers[name], arch: audit })).toBe(EPERM);
  });

  it.each(cases)('should allow the syscalls a normal program makes when the architecture is %s', (arch, audit, numbers) => {
    const program = seccompFilter(arch);
    for (const name of ['read', 'write', 'openat', 'mmap', 'execve']) expect([name, run(program, { nr: numbers[name], arch: audit })]).toEqual([name, SECCOMP_RET_ALLOW]);
  });

  it.each(cases)('should allow clone for threads and forks and refuse it for namespaces when the architecture is %s', (arch, audit, numbers) => {
    const program = seccompFilter(arch);
    const thread = 0x003d0f00; // glibc's pthread_create flags
    const fork = 0x01200011; // CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD
    expect(run(program, { nr: numbers.clone, arch: audit, arg0: thread })).toBe(SECCOMP_RET_ALLOW);
    expect(run(program, { nr: numbers.clone, arch: audit, arg0: fork })).toBe(SECCOMP_RET_ALLOW);
    for (const flag of [0x00020000, 0x10000000, 0x20000000, 0x40000000]) {
      expect(run(program, { nr: numbers.clone, arch: audit, arg0: fork | flag })).toBe(EPERM);
      expect(flag & CLONE_NAMESPACE_FLAGS).toBe(flag);
    }
    expect(run(program, { nr: 435, arch: audit })).toBe(ENOSYS);
  });

  it('should kill a process making a syscall of another ABI when it comes from 32-bit or x32 code', () => {
    expect(run(seccompFilter('x86_64'), { nr: 20, arch: I386 })).toBe(SECCOMP_RET_KILL_PROCESS);
    expect(run(seccompFilter('x86_64'), { nr: 0x40000000 | 1, arch: X86_64 })).toBe(SECCOMP_RET_KILL_PROCESS);
    expect(run(seccompFilter('x86_64'), { nr: 0, arch: AARCH64 })).toBe(SECCOMP_RET_KILL_PROCESS);
    expect(run(seccompFilter('aarch64'), { nr: 63, arch: X86_64 })).toBe(SECCOMP_RET_KILL_PROCESS);
  });

  it('should name the filter architecture when node runs on x64 or arm64', () => {
    expect(hostSeccompArch('x64')).toBe('x86_64');
    expect(hostSeccompArch('arm64')).toBe('aarch64');
    expect(hostSeccompArch('ia32')).toBeNull();
  });
});
