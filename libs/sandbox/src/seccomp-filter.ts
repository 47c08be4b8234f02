/**
 * The classic-BPF seccomp program bubblewrap installs (`--seccomp FD`) just before it runs the command:
 * syscalls no submission needs (debugging other processes, mounts, namespaces, keyrings, eBPF, kernel
 * modules, io_uring, ...) fail with EPERM, and a syscall of another ABI (32-bit, x32) kills the process,
 * since the numbers below only mean something for the native one.
 */

export type SeccompArch = 'x86_64' | 'aarch64';

// <linux/audit.h>
const AUDIT_ARCH: Record<SeccompArch, number> = { x86_64: 0xc000003e, aarch64: 0xc00000b7 };
// <linux/seccomp.h>
export const SECCOMP_RET_KILL_PROCESS = 0x80000000;
export const SECCOMP_RET_ERRNO = 0x00050000;
export const SECCOMP_RET_ALLOW = 0x7fff0000;
const EPERM = 1;
const ENOSYS = 38;
// <linux/filter.h>: BPF_LD|BPF_W|BPF_ABS, BPF_JMP|BPF_JEQ|BPF_K, BPF_JMP|BPF_JGE|BPF_K, BPF_JMP|BPF_JSET|BPF_K, BPF_RET|BPF_K
export const BPF = { LD_W_ABS: 0x20, JEQ: 0x15, JGE: 0x35, JSET: 0x45, RET: 0x06 } as const;
// struct seccomp_data: int nr; u32 arch; u64 instruction_pointer; u64 args[6] (little-endian: args[0]'s low word at 16).
const NR_OFFSET = 0;
const ARCH_OFFSET = 4;
const ARG0_LOW_OFFSET = 16;
// x86_64 numbers with this bit set are the x32 ABI.
const X32_SYSCALL_BIT = 0x40000000;
// CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET
export const CLONE_NAMESPACE_FLAGS = 0x7e020000;

/** The denied syscalls, by name, with their number on each architecture (absent: no such syscall there). */
export const DENIED_SYSCALLS: Record<string, Partial<Record<SeccompArch, number>>> = {
  ptrace: { x86_64: 101, aarch64: 117 },
  process_vm_readv: { x86_64: 310, aarch64: 270 },
  process_vm_writev: { x86_64: 311, aarch64: 271 },
  pidfd_getfd: { x86_64: 438, aarch64: 438 },
  mount: { x86_64: 165, aarch64: 40 },
  umount2: { x86_64: 166, aarch64: 39 },
  pivot_root: { x86_64: 155, aarch64: 41 },
  open_tree: { x86_64: 428, aarch64: 428 },
  move_mount: { x86_64: 429, aarch64: 429 },
  fsopen: { x86_64: 430, aarch64: 430 },
  fsconfig: { x86_64: 431, aarch64: 431 },
  fsmount: { x86_64: 432, aarch64: 432 },
  fspick: { x86_64: 433, aarch64: 433 },
  mount_setattr: { x86_64: 442, aarch64: 442 },
  unshare: { x86_64: 272, aarch64: 97 },
  setns: { x86_64: 308, aarch64: 268 },
  keyctl: { x86_64: 250, aarch64: 219 },
  add_key: { x86_64: 248, aarch64: 217 },
  request_key: { x86_64: 249, aarch64: 218 },
  bpf: { x86_64: 321, aarch64: 280 },
  perf_event_open: { x86_64: 298, aarch64: 241 },
  userfaultfd: { x86_64: 323, aarch64: 282 },
  io_uring_setup: { x86_64: 425, aarch64: 425 },
  io_uring_enter: { x86_64: 426, aarch64: 426 },
  io_uring_register: { x86_64: 427, aarch64: 427 },
  open_by_handle_at: { x86_64: 304, aarch64: 265 },
  kexec_load: { x86_64: 246, aarch64: 104 },
  kexec_file_load: { x86_64: 320, aarch64: 294 },
  init_module: { x86_64: 175, aarch64: 105 },
  finit_module: { x86_64: 313, aarch64: 273 },
  delete_module: { x86_64: 176, aarch64: 106 },
  reboot: { x86_64: 169, aarch64: 142 },
  swapon: { x86_64: 167, aarch64: 224 },
  swapoff: { x86_64: 168, aarch64: 225 },
  acct: { x86_64: 163, aarch64: 89 },
  quotactl: { x86_64: 179, aarch64: 60 },
  syslog: { x86_64: 103, aarch64: 116 },
  lookup_dcookie: { x86_64: 212, aarch64: 18 },
  vhangup: { x86_64: 153, aarch64: 58 },
  uselib: { x86_64: 134 },
  iopl: { x86_64: 172 },
  ioperm: { x86_64: 173 },
};

const CLONE: Record<SeccompArch, number> = { x86_64: 56, aarch64: 220 };
// clone3 passes its flags in memory a filter cannot read: ENOSYS makes libc fall back to clone(2).
const CLONE3 = 435;

/** One struct sock_filter, with its jumps still named by label. */
interface Instruction {
  code: number;
  k: number;
  jt?: string;
  jf?: string;
  label?: string;
}

const load = (offset: number): Instruction => ({ code: BPF.LD_W_ABS, k: offset });
const ret = (value: number, label?: string): Instruction => ({ code: BPF.RET, k: value, label });
const jump = (code: number, k: number, jt?: string, jf?: string): Instruction => ({ code, k, jt, jf });

/** Resolves the labels (BPF jumps forward only, by at most 255) and writes 8 little-endian bytes per instruction. */
function assemble(program: Instruction[]): Buffer {
  const at = new Map(program.flatMap((instruction, index) => (instruction.label ? [[instruction.label, index] as const] : [])));
  const offset = (from: number, label?: string): number => {
    if (label === undefined) return 0;
    const distance = (at.get(label) ?? -1) - from - 1;
    if (distance < 0 || distance > 255) throw new Error(`seccomp filter: jump to ${label} out of range`);
    return distance;
  };
  const bytes = Buffer.alloc(program.length * 8);
  program.forEach((instruction, index) => {
    bytes.writeUInt16LE(instruction.code, index * 8);
    bytes.writeUInt8(offset(index, instruction.jt), index * 8 + 2);
    bytes.writeUInt8(offset(index, instruction.jf), index * 8 + 3);
    bytes.writeUInt32LE(instruction.k >>> 0, index * 8 + 4);
  });
  return bytes;
}

/** The architecture of this machine as seccomp names it, or null where no filter is known. */
export function hostSeccompArch(arch: string = process.arch): SeccompArch | null {
  if (arch === 'x64') return 'x86_64';
  if (arch === 'arm64') return 'aarch64';
  return null;
}

/** The filter program for one architecture: what bubblewrap reads from its `--seccomp` fd. */
export function seccompFilter(arch: SeccompArch): Buffer {
  const denied = Object.values(DENIED_SYSCALLS).flatMap((numbers) => (numbers[arch] === undefined ? [] : [numbers[arch]]));
  const program: Instruction[] = [
    load(ARCH_OFFSET),
    jump(BPF.JEQ, AUDIT_ARCH[arch], undefined, 'kill'),
    load(NR_OFFSET),
    ...(arch === 'x86_64' ? [jump(BPF.JGE, X32_SYSCALL_BIT, 'kill')] : []),
    ...denied.map((nr) => jump(BPF.JEQ, nr, 'deny')),
    jump(BPF.JEQ, CLONE3, 'enosys'),
    jump(BPF.JEQ, CLONE[arch], 'clone'),
    ret(SECCOMP_RET_ALLOW),
    // clone(2): threads and forks pass, new namespaces do not (args[0] holds the flags on both ABIs).
    { ...load(ARG0_LOW_OFFSET), label: 'clone' },
    jump(BPF.JSET, CLONE_NAMESPACE_FLAGS, 'deny'),
    ret(SECCOMP_RET_ALLOW),
    ret(SECCOMP_RET_ERRNO | ENOSYS, 'enosys'),
    ret(SECCOMP_RET_ERRNO | EPERM, 'deny'),
    ret(SECCOMP_RET_KILL_PROCESS, 'kill'),
  ];
  return assemble(program);
}
