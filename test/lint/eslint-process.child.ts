import { ESLint } from 'eslint';

/** The child side of eslint-process.ts: answers lint requests from the parent over IPC. */
export type EslintQuestion =
  { op: 'lintText'; code: string; filePath: string } | { op: 'rulesForFile'; filePath: string };

export type EslintRequest = EslintQuestion & { id: number };

export interface EslintReply {
  id: number;
  value?: unknown;
  error?: string;
}

if (require.main === module) {
  const eslint = new ESLint({ cwd: process.argv[2] });
  const answer = async (request: EslintRequest): Promise<unknown> =>
    request.op === 'lintText'
      ? eslint.lintText(request.code, { filePath: request.filePath })
      : ((await eslint.calculateConfigForFile(request.filePath)) as { rules?: unknown }).rules;
  process.on('message', (request: EslintRequest) => {
    answer(request).then(
      (value) => process.send?.({ id: request.id, value } satisfies EslintReply),
      (error: unknown) => process.send?.({ id: request.id, error: String(error) }),
    );
  });
  // The parent is gone (or closed the channel): nothing more will be asked.
  process.on('disconnect', () => process.exit(0));
}
