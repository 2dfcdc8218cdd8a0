import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ESLint, Linter } from 'eslint';
import type { EslintQuestion, EslintReply, EslintRequest } from './eslint-process.child';

/**
 * The repository's ESLint, run in a child process. In the jest worker itself, ESLint with
 * typescript-eslint and import-x's cycle check (which parses the whole import graph) grows
 * the heap to ~250 MB, and a worker that big takes longer to exit than the 500 ms jest grants
 * on a loaded machine ("A worker process has failed to exit gracefully"). A child process
 * is simply killed when the spec ends.
 */
export class EslintProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, (reply: EslintReply) => void>();
  private next = 0;

  constructor(readonly cwd: string) {
    this.child = fork(join(__dirname, 'eslint-process.child.ts'), [cwd], {
      execArgv: ['-r', '@swc-node/register'],
      cwd,
    });
    this.child.on('message', (reply: EslintReply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
    this.child.on('exit', (code, signal) => {
      for (const answer of this.pending.values()) {
        answer({ id: -1, error: `the ESLint process exited (${signal ?? code})` });
      }
      this.pending.clear();
    });
  }

  lintText(code: string, { filePath }: { filePath: string }): Promise<ESLint.LintResult[]> {
    return this.ask({ op: 'lintText', code, filePath }) as Promise<ESLint.LintResult[]>;
  }

  /** The `rules` of the config for `filePath` (plugins and parsers do not cross processes). */
  rulesForFile(filePath: string): Promise<Linter.RulesRecord> {
    return this.ask({ op: 'rulesForFile', filePath }) as Promise<Linter.RulesRecord>;
  }

  /** Stops the child at once (it holds nothing to flush). */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  private ask(question: EslintQuestion): Promise<unknown> {
    const id = (this.next += 1);
    return new Promise((resolve, reject) => {
      this.pending.set(id, (reply) =>
        reply.error === undefined ? resolve(reply.value) : reject(new Error(reply.error)),
      );
      this.child.send({ ...question, id } satisfies EslintRequest);
    });
  }
}
