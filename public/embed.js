/* Bantin embed (CONTRACT §4). <script src=".../embed.js" data-district="huyen-cau-ke-tra-vinh"
   data-topic="bau-cu" async></script> inserts the reader in an iframe right after the script and
   sizes it from the reader's {type:"bantin:resize",height} messages. No dependencies. MIT. */
(function () {
  'use strict';
  var s = document.currentScript;
  if (!s || !s.src || !window.URL) return;
  var url = new URL('index.html', s.src), p = url.searchParams, origin = url.origin;
  var get = function (name) { return (s.getAttribute('data-' + name) || '').trim(); };
  p.set('embed', '1');
  if (get('q')) p.set('q', get('q'));
  ['district', 'topic'].forEach(function (name) {
    get(name).split(/\s+/).forEach(function (v) { if (v) p.append(name, v); });
  });
  if (/^(light|dark|auto)$/.test(get('theme'))) p.set('theme', get('theme'));
  if (/^#[0-9a-fA-F]{6}$/.test(get('accent'))) p.set('accent', get('accent'));
  var f = document.createElement('iframe');
  f.src = url.href;
  f.title = get('title') || 'Bantin — tin tức địa phương';
  f.setAttribute('loading', 'lazy');
  f.style.cssText = 'display:block;width:100%;height:480px;border:0';
  s.parentNode.insertBefore(f, s.nextSibling);
  window.addEventListener('message', function (e) {
    var d = e.data, h = d && d.height;
    if (e.source !== f.contentWindow || e.origin !== origin || !d || d.type !== 'bantin:resize') return;
    if (typeof h === 'number' && isFinite(h) && h >= 0 && h <= 100000) f.style.height = Math.ceil(h) + 'px';
  });
})();
