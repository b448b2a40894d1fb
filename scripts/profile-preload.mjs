// Loaded by scripts/profile.mjs into every process and thread of a profiled command
// (`NODE_OPTIONS=--require …`: node 20 refuses `--cpu-prof` there, and the worker processes are
// forked with execArgv of their own, which replaces the parent's but not NODE_OPTIONS; `--require`,
// not `--import`, because node 20 runs only the former in worker threads: an ES module without
// top-level await, which node ≥ 20.19 requires). Starts V8's
// CPU profiler on this thread and, when the thread ends, writes to $XXGK_PROFILE_DIR:
// `<pid>-<thread>.cpuprofile` and `<pid>-<thread>.json` (this thread's CPU before this file ran —
// node's bootstrap — and in all, from /proc/thread-self/stat; on a process's main thread, also the
// CPU of every other thread of the process, told apart by whether it existed before user code ran:
// V8's platform threads (GC and compiler helpers) do, libuv's pool and worker threads come later).
//
// Two ends would write nothing, and are put off while profiling: the pool SIGKILLs a worker process
// right after closing its channel (the worker would exit by itself on `disconnect`, so the kill is
// dropped: the process exits through `process.exit` and writes its profile), and `terminate()` of a
// worker thread (no 'exit' event in the thread: the thread is asked first, over a BroadcastChannel,
// to write its profile). Only this script's runs do that; the linter is not changed.
import childProcess from 'node:child_process';
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { BroadcastChannel, Worker, isMainThread, threadId } from 'node:worker_threads';

const dir = process.env.XXGK_PROFILE_DIR;
const TICK_MS = 1000 / 100; // clock ticks of /proc/…/stat (CLK_TCK is 100 on Linux)

/** utime + stime of a task, in ms. */
const taskCpuMs = (statFile) => {
  const stat = fs.readFileSync(statFile, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
};
const tasks = () => {
  try {
    return fs.readdirSync('/proc/self/task');
  } catch {
    return [];
  }
};

if (dir) {
  const bootstrapMs = taskCpuMs('/proc/thread-self/stat');
  const tid = fs.readlinkSync('/proc/thread-self').split('/').pop();
  const earlyTasks = new Set(tasks());
  const wallStart = Date.now();
  // XXGK_PROFILE_INTERVAL=0: the threads' CPU only, without the profiler (its cost left out).
  const interval = Number(process.env.XXGK_PROFILE_INTERVAL ?? 1000);
  const session = interval > 0 ? new inspector.Session() : undefined;
  session?.connect();
  session?.post('Profiler.enable');
  session?.post('Profiler.setSamplingInterval', { interval });
  session?.post('Profiler.start');
  const name = `${process.pid}-${threadId}`;
  let written = false;
  const write = (end) => {
    if (written) return;
    written = true;
    let profile;
    // The in-thread session answers synchronously, so this works in an 'exit' listener.
    session?.post('Profiler.stop', (err, result) => {
      if (!err) profile = result.profile;
    });
    const threadMs = taskCpuMs('/proc/thread-self/stat');
    const others = [];
    if (isMainThread)
      for (const task of tasks()) {
        if (task === tid) continue;
        try {
          others.push({ tid: task, early: earlyTasks.has(task), cpuMs: taskCpuMs(`/proc/self/task/${task}/stat`) });
        } catch {
          // ended meanwhile
        }
      }
    const info = {
      pid: process.pid,
      ppid: process.ppid,
      threadId,
      tid,
      isMainThread,
      argv: process.argv.slice(1),
      worker: Boolean(process.env.XXGK_LINT_WORKER) || !isMainThread,
      end,
      wallMs: Date.now() - wallStart,
      bootstrapMs,
      threadMs,
      others,
    };
    if (profile) fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(info));
  };
  process.on('exit', () => write('exit'));

  if (isMainThread) {
    // A worker process the pool has just disconnected exits on its own: no SIGKILL while profiling.
    const kill = childProcess.ChildProcess.prototype.kill;
    childProcess.ChildProcess.prototype.kill = function (signal) {
      if (signal === 'SIGKILL' && !this.connected && this.exitCode === null) {
        setTimeout(() => kill.call(this, signal), 10000).unref();
        return true;
      }
      return kill.call(this, signal);
    };
    // A worker thread is asked to write its profile before it is terminated.
    const terminate = Worker.prototype.terminate;
    Worker.prototype.terminate = function () {
      const id = this.threadId;
      return new Promise((resolve) => {
        const channel = new BroadcastChannel('xxgk-profile');
        const done = () => {
          clearTimeout(timer);
          channel.close();
          resolve(terminate.call(this));
        };
        const timer = setTimeout(done, 10000);
        channel.onmessage = (event) => {
          if (event.data?.written === id) done();
        };
        channel.postMessage({ write: id });
      });
    };
  } else {
    const channel = new BroadcastChannel('xxgk-profile');
    channel.unref();
    channel.onmessage = (event) => {
      if (event.data?.write !== threadId) return;
      write('terminate');
      channel.postMessage({ written: threadId });
    };
  }
}
