// Trusted Types for Bantin's page (CSP `require-trusted-types-for 'script'`; xtask/src/headers.rs).
// Loaded first, before any other script, because a policy must exist before its first use.
// Two narrow policies, each for the one sink that needs it:
// - `default`: Leptos builds each view's static markup once by assigning it to a <template>'s
//   innerHTML. That markup is the app's own (feed text is always set as text, never as HTML),
//   so anything that could run is refused: <script>, event-handler attributes, javascript: URLs.
// - script URLs: same-origin only. pwa.js has its own policy `bantin-sw` for the worker.
// No policy creates TrustedScript, so no string ever becomes code (eval, inline <script> text).
(function () {
  'use strict';
  if (!window.trustedTypes || !window.trustedTypes.createPolicy) return;
  var RUNNABLE = /<\s*script|\son[a-z]+\s*=|javascript\s*:/i;
  // Refusing is returning null: the browser then blocks the assignment with a TypeError and
  // reports a CSP violation (securitypolicyviolation, and any report endpoint a host adds).
  var sameOriginScript = function (url) {
    var parsed = new URL(url, document.baseURI);
    if (parsed.origin === location.origin) return parsed.href;
    console.error('Bantin: Trusted Types refused a script URL from another origin: ' + parsed.origin);
    return null;
  };
  window.trustedTypes.createPolicy('default', {
    createHTML: function (markup) {
      if (!RUNNABLE.test(markup)) return markup;
      console.error('Bantin: Trusted Types refused markup that could run script');
      return null;
    },
    createScriptURL: sameOriginScript,
  });
})();
