// What a bundler user writes: the element, its CSS and the API, all from the package.
import 'descent-explorer/element';
import 'descent-explorer/element.css';
import { trajectory } from 'descent-explorer';

document.getElementById('numbers').textContent = Array.from(trajectory({ steps: 2 }).w1).join(' ');
