import { main } from './main';

const code = main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  cwd: process.cwd(),
});
// `check --links` answers with a promise (it goes over the network); everything else at once.
if (typeof code === 'number') process.exitCode = code;
else void code.then((c) => (process.exitCode = c));
