// First, before any module builds or parses a schema.
import './zod-jitless';
import { render } from 'solid-js/web';
import { Router } from '@solidjs/router';
import { routes } from './routes';
import { AppShell } from './shell/app-shell';
import './styles.css';

const root = document.getElementById('app');
if (root === null) throw new Error('index.html lost its #app element');
root.textContent = '';
render(() => <Router root={AppShell}>{routes}</Router>, root);
