/**
 * DTOs of one-click engine setup (setup.*): what Berth found on this machine, the plan of exact
 * commands it would run, and the progress of running them. Plans are composed and kept by the
 * main process; the renderer only ever names a plan by id, so it can never make Berth run a
 * command line of its own.
 */
import { z } from 'zod'

export const PackageManagerName = z.enum(['apt', 'dnf', 'zypper', 'pacman', 'apk'])
export type PackageManagerName = z.infer<typeof PackageManagerName>

/** What runs services here: systemd as PID 1, OpenRC, SysV `service` scripts, or nothing usable. */
export const InitSystem = z.enum(['systemd', 'openrc', 'sysv', 'none'])
export type InitSystem = z.infer<typeof InitSystem>

/** How Berth gets administrator rights: it already has them, a polkit prompt, or sudo with a password. */
export const Escalation = z.enum(['none', 'pkexec', 'sudo'])
export type Escalation = z.infer<typeof Escalation>

/** What a plan sets up: the engine Berth's settings describe, this machine's Docker, or Podman. */
export const SetupTarget = z.enum(['configured', 'docker', 'podman'])
export type SetupTarget = z.infer<typeof SetupTarget>

/** running: /_ping answered; stopped: no socket or nothing listening; no-permission: it exists but we may not open it. */
export const SocketState = z.enum(['running', 'stopped', 'no-permission'])
export type SocketState = z.infer<typeof SocketState>

export const SocketProbe = z.object({ path: z.string(), state: SocketState })
export type SocketProbe = z.infer<typeof SocketProbe>

export const OsInfo = z.object({
  id: z.string(),
  idLike: z.array(z.string()),
  versionId: z.string().optional(),
  /** PRETTY_NAME, e.g. "Debian GNU/Linux 12 (bookworm)". */
  name: z.string()
})
export type OsInfo = z.infer<typeof OsInfo>

export const DaemonProcess = z.object({
  pid: z.number().int(),
  name: z.string(),
  /** The unix sockets it was told to serve (-H/--host), or its default when it was told none. */
  sockets: z.array(z.string())
})
export type DaemonProcess = z.infer<typeof DaemonProcess>

export const SetupDetection = z.object({
  platform: z.string(),
  /** False off Linux (Berth's VM is the answer there); unsupportedReason says so. */
  supported: z.boolean(),
  unsupportedReason: z.string().optional(),
  os: OsInfo.nullable(),
  packageManager: z.object({ name: PackageManagerName, path: z.string() }).nullable(),
  init: z.object({
    system: InitSystem,
    /** /proc/1/comm: what runs as PID 1 ("systemd", "init", a container's entrypoint…). */
    pid1: z.string(),
    /** A systemd user manager runs for this person (`systemctl --user` works). */
    userManager: z.boolean()
  }),
  user: z.object({
    uid: z.number().int(),
    name: z.string(),
    isRoot: z.boolean(),
    dockerGroup: z.object({
      exists: z.boolean(),
      /** Listed in /etc/group. */
      member: z.boolean(),
      /** This session already carries the group (false until the person logs out and in again). */
      activeInSession: z.boolean()
    }),
    pkexec: z.string().nullable(),
    sudo: z.string().nullable(),
    /** setfacl lets Berth give this session the socket before a log-out applies the docker group. */
    setfacl: z.string().nullable(),
    /** Has /etc/subuid and /etc/subgid ranges, which rootless engines need. */
    subordinateIds: z.boolean()
  }),
  docker: z.object({
    installed: z.boolean(),
    dockerdPath: z.string().optional(),
    version: z.string().optional(),
    containerdInstalled: z.boolean(),
    /** An /etc/init.d/docker script exists (used where neither systemd nor OpenRC runs). */
    initScript: z.boolean(),
    /** `systemctl is-active docker` where systemd runs. */
    serviceState: z.string().optional(),
    systemSocket: SocketProbe,
    rootless: z.object({ available: z.boolean(), setupTool: z.string().optional(), socket: SocketProbe.optional() })
  }),
  podman: z.object({
    installed: z.boolean(),
    path: z.string().optional(),
    version: z.string().optional(),
    systemSocket: SocketProbe,
    userSocket: SocketProbe.optional(),
    rootlessAvailable: z.boolean()
  }),
  processes: z.array(DaemonProcess),
  activeEngine: z
    .object({ id: z.string(), name: z.string(), endpoint: z.string(), state: z.string(), socket: z.string().optional() })
    .nullable(),
  /** Berth's own description of how to start the active engine (engine-start.json in its config folder). */
  configured: z
    .object({ name: z.string(), socket: SocketProbe, command: z.array(z.string()), asRoot: z.boolean() })
    .nullable(),
  /** engine-start.json exists but could not be used, in words. */
  configuredProblem: z.string().optional(),
  /** What Berth would use for administrator rights; null when it has none and isn't root. */
  escalation: Escalation.nullable(),
  /** The one thing Berth suggests, worded for a button ("Start Docker", "Set up Docker…"). */
  offer: z.object({
    /** start/install: commands to run; access: the docker group; use: it already runs, switch to it; none: nothing to do. */
    action: z.enum(['start', 'install', 'access', 'use', 'none']),
    target: SetupTarget,
    label: z.string(),
    summary: z.string()
  })
})
export type SetupDetection = z.infer<typeof SetupDetection>

export const PlanRequest = z
  .object({
    target: SetupTarget,
    /** Also add the person to the docker group (ignored for root and for Podman). */
    addToDockerGroup: z.boolean().default(true),
    /** Prefer sudo over pkexec (when both exist, e.g. no polkit agent runs). */
    escalation: z.enum(['pkexec', 'sudo']).optional()
  })
  .strict()
export type PlanRequest = z.infer<typeof PlanRequest>

export const SetupStep = z.object({
  index: z.number().int().min(1),
  /** command: runs to its end; daemon: started in the background with a log file; wait: Berth waits for the engine. */
  kind: z.enum(['command', 'daemon', 'wait']),
  title: z.string(),
  /** Exactly what runs, escalation included (empty for a wait). */
  argv: z.array(z.string()),
  /** argv quoted the way a shell would need it, for people to read and copy. */
  display: z.string(),
  privileged: z.boolean(),
  /** Where a daemon's output goes. */
  logFile: z.string().optional()
})
export type SetupStep = z.infer<typeof SetupStep>

export const SetupPlan = z.object({
  id: z.string(),
  target: SetupTarget,
  title: z.string(),
  escalation: Escalation,
  /** sudo without a polkit prompt: the dialog asks for the password. */
  needsPassword: z.boolean(),
  /** The socket the engine will answer on once done. */
  socket: z.string(),
  steps: z.array(SetupStep),
  /** Things to know: the log-out for the docker group, what a daemon started by Berth means. */
  notes: z.array(z.string()),
  /** Set when Berth can't do this here, with what to do instead; such a plan can't be run. */
  blocked: z.string().optional()
})
export type SetupPlan = z.infer<typeof SetupPlan>

export const PlanId = z.string().regex(/^plan-[a-z0-9]{8,40}$/, 'Not a setup plan id.')

export const RunRequest = z
  .object({
    planId: PlanId,
    /** For sudo only: passed on sudo's stdin, never stored or logged. */
    password: z.string().max(1024, 'That password is too long.').optional()
  })
  .strict()
export type RunRequest = z.infer<typeof RunRequest>

export const SetupProgress = z.discriminatedUnion('type', [
  z.object({ type: z.literal('step-started'), index: z.number().int() }),
  z.object({ type: z.literal('output'), index: z.number().int(), text: z.string() }),
  z.object({
    type: z.literal('step-finished'),
    index: z.number().int(),
    ok: z.boolean(),
    exitCode: z.number().int().nullable(),
    durationMs: z.number(),
    /** What went wrong, in words, with what to do. */
    error: z.string().optional(),
    /** The last lines of the daemon's log (or the command's output) when it failed. */
    logTail: z.array(z.string()).optional()
  }),
  z.object({ type: z.literal('finished'), ok: z.boolean(), message: z.string(), engineId: z.string().optional() })
])
export type SetupProgress = z.infer<typeof SetupProgress>
