// Entry point of dist/index.js: everything lives in run().
import { run } from './main.js';

void run();
