import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The environment banner: prod is red and says so in words, so nobody mistakes it for a test system. */
function banner(environment: string): Html {
  return environment === 'prod'
    ? html`<div class="banner prod" role="alert">PRODUCTION — this console shows the live pipeline</div>`
    : html`<div class="banner">environment: ${environment}</div>`;
}

/** Every page: banner, navigation, content. The stylesheet is a separate file so the CSP can forbid inline styles. */
export function layout(environment: string, title: string, content: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · pipeline console (${environment})</title>
<link rel="stylesheet" href="/static/console.css">
</head>
<body class="env-${environment}">
${banner(environment)}
<nav><a href="/runs">Runs</a> <a href="/balances">Balances</a></nav>
<main>
<h1>${title}</h1>
${content}
</main>
</body>
</html>`;
}

export const STYLESHEET = `body{font-family:system-ui,sans-serif;margin:0;color:#1b1f24}
main{padding:1rem 2rem}nav{padding:.5rem 2rem;background:#f3f4f6}nav a{margin-right:1rem}
.banner{padding:.4rem 2rem;background:#374151;color:#fff;font-weight:600}
.banner.prod{background:#b91c1c;font-size:1.3rem;letter-spacing:.05em}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border-bottom:1px solid #d1d5db;padding:.3rem .8rem;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.status-SUCCEEDED{color:#15803d}.status-FAILED{color:#b91c1c}.status-RUNNING{color:#a16207}
code{font-size:.85rem;background:#f3f4f6;padding:0 .2rem;word-break:break-all}
.problems li{color:#b91c1c}svg{background:#fafafa;border:1px solid #e5e7eb}
`;
