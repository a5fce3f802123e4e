// Hostile strings for the hostile-feed tests (hostile.spec.ts), one of each kind in OWASP's
// "XSS Filter Evasion Cheat Sheet": written for this project, each calling `__xssRan(n)` (a
// binding that records it) instead of alert(), so a payload that runs anywhere is caught.
// `RUN(n)` is the JavaScript each payload tries to execute.
const RUN = (n: number) => `__xssRan(${n})`;

const kinds: Array<(run: string) => string> = [
  (r) => `<script>${r}</script>`,
  (r) => `"><script>${r}</script>`,
  (r) => `'';!--"<XSS>=&{()}<script>${r}</script>`,
  (r) => `<SCRIPT SRC=data:text/javascript,${r}></SCRIPT>`,
  (r) => `<<SCRIPT>${r}//<</SCRIPT>`,
  (r) => `<scr<script>ipt>${r}</scr</script>ipt>`,
  (r) => `<img src=x onerror="${r}">`,
  (r) => `<IMG SRC=# onmouseover="${r}">`,
  (r) => `<img src=x onerror=&#x5f;&#x5f;xssRan(1)>`.replace('__xssRan(1)', r),
  (r) => `<IMG SRC="jav&#x09;ascript:${r}">`,
  (r) => `<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${r}>`,
  (r) => `<IMG SRC=\`javascript:${r}\`>`,
  (r) => `<svg onload=${r}>`,
  (r) => `<svg><script>${r}</script></svg>`,
  (r) => `<math><mtext><table><mglyph><style><img src=x onerror=${r}>`,
  (r) => `<body onload=${r}>`,
  (r) => `<iframe src="javascript:${r}"></iframe>`,
  (r) => `<iframe srcdoc="<script>parent.${r}</script>"></iframe>`,
  (r) => `<object data="data:text/html,<script>parent.${r}</script>"></object>`,
  (r) => `<embed src="data:text/html;base64,${Buffer.from(`<script>parent.${r}</script>`).toString('base64')}">`,
  (r) => `<a href="javascript:${r}">bấm vào đây</a>`,
  (r) => `<a href="JaVaScRiPt:${r}">x</a>`,
  (r) => `<a href=" &#14; javascript:${r}">x</a>`,
  (r) => `<form action="javascript:${r}"><button>gửi</button></form>`,
  (r) => `<input onfocus=${r} autofocus>`,
  (r) => `<details open ontoggle=${r}>`,
  (r) => `<video><source onerror="${r}"></video>`,
  (r) => `<marquee onstart=${r}>`,
  (r) => `<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:${r}">`,
  (r) => `<LINK REL="stylesheet" HREF="javascript:${r}">`,
  (r) => `<STYLE>@import'javascript:${r}';</STYLE>`,
  (r) => `<DIV STYLE="background-image: url(javascript:${r})">`,
  (r) => `<div style="width: expression(${r});">`,
  (r) => `<BASE HREF="javascript:${r}//">`,
  (r) => `<TABLE BACKGROUND="javascript:${r}">`,
  (r) => `<!--<img src="--><img src=x onerror=${r}//">`,
  (r) => `<noscript><p title="</noscript><img src=x onerror=${r}>">`,
  (r) => `<template><script>${r}</script></template>`,
  (r) => `\u003cscript\u003e${r}\u003c/script\u003e`,
  (r) => `%3Cscript%3E${r}%3C%2Fscript%3E`,
  (r) => `&lt;script&gt;${r}&lt;/script&gt;`,
  (r) => `<scr\u0000ipt>${r}</scr\u0000ipt>`,
  (r) => `\`;${r};//\${${r}}`,
  (r) => `{{constructor.constructor('${r}')()}}`,
  (r) => `</textarea><script>${r}</script>`,
  (r) => `</title><script>${r}</script>`,
  (r) => `<xss onafterscriptexecute=${r}><script>1</script>`,
  (r) => `<isindex type=image src=1 onerror=${r}>`,
];

/** Every payload, numbered: payload n calls `__xssRan(n)` if it ever runs. */
export const payloads: string[] = kinds.map((kind, n) => kind(RUN(n)));

/** URLs a feed could carry that must never become links. */
export const hostileUrls: string[] = [
  `javascript:${RUN(900)}`,
  `JAVASCRIPT:${RUN(901)}`,
  ` javascript:${RUN(902)}`,
  `java\tscript:${RUN(903)}`,
  `data:text/html,<script>${RUN(904)}</script>`,
  `DATA:text/html;base64,${Buffer.from(`<script>${RUN(905)}</script>`).toString('base64')}`,
  `vbscript:${RUN(906)}`,
  `//evil.invalid/${RUN(907)}`,
];
