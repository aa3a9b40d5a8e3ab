// The process entry point (bin/feedloom.js runs the compiled copy; tests run this file under tsx).
import { main } from './main.js';
import { endQuietlyOnClosedPipe } from './io.js';

endQuietlyOnClosedPipe(process);
process.exitCode = await main(process.argv.slice(2));
