// A plain page: a module script pointing into the installed package, no bundler.
import { trajectory } from '../node_modules/descent-explorer/descent-api.js';

document.getElementById('numbers').textContent = Array.from(trajectory({ steps: 2 }).w1).join(' ');
