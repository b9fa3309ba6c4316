/*!
 * Frontdesk widget v1: visitor tracking, widget analytics and video invites for one site.
 * Embed: <script src="https://<gateway>/widget/v1/frontdesk.js" data-key="pk_..." defer></script>
 * Options (data-*): key (required), api (the gateway's origin; default: where this script came from),
 * invite-target ("panel": the room in a panel on the page, default; "tab": a new tab), heartbeat-seconds (15).
 * Never throws into the page, uses no eval and no inline styles, so it runs under a strict Content-Security-Policy.
 */
(function (window, document) {
  'use strict';

  if (window.Frontdesk && window.Frontdesk.version) {
    return; // embedded twice: the first copy keeps working
  }

  var VERSION = '1';
  var VISITOR_ID = /^v_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  var listeners = {};
  var script = document.currentScript;
  var key, api, target, heartbeatMs;
  var memory = {}; // storage fallback when localStorage is blocked (private mode, sandboxed frames)
  var visitorId = null;
  var issuing = null; // the call out without a visitor id, until it is answered
  var sessionId = 's_' + uuid();
  var pending = []; // analytics events not yet acknowledged, sent by beacon on pagehide
  var flushRetry = null, flushFailures = 0;
  var lastUrl = null;
  var timer = null;
  var socket = null, lastFrame = null, retries = 0, reconnect = null;
  var ui = null, invite = null, call = null, closeTimer = null, returnFocus = null;
  var started = false, stopped = false;

  /** Runs fn; a failure is reported as an "error" event, never thrown into the host page. */
  function guard(fn) {
    return function () {
      try {
        return fn.apply(this, arguments);
      } catch (e) {
        emit('error', { message: String(e && e.message || e) });
      }
    };
  }

  function emit(name, detail) {
    var fns = (listeners[name] || []).slice();
    for (var i = 0; i < fns.length; i++) {
      try { fns[i](detail); } catch (ignored) { /* a listener's failure is its own */ }
    }
    try { window.dispatchEvent(new CustomEvent('frontdesk:' + name, { detail: detail })); } catch (ignored) { }
  }

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = '';
    for (var i = 0; i < 16; i++) {
      h += (b[i] + 256).toString(16).slice(1) + (i === 3 || i === 5 || i === 7 || i === 9 ? '-' : '');
    }
    return h;
  }

  // ---- identity ----------------------------------------------------------------------------------------------

  function storageKey() { return 'frontdesk.visitor.' + key; }

  function loadId() {
    var stored = null;
    try { stored = window.localStorage.getItem(storageKey()); } catch (e) { stored = memory[storageKey()]; }
    return stored && VISITOR_ID.test(stored) ? stored : null;
  }

  function keepId(id) {
    if (!id || !VISITOR_ID.test(id) || id === visitorId) {
      return;
    }
    var changed = visitorId !== null;
    visitorId = id;
    try { window.localStorage.setItem(storageKey(), id); } catch (e) { memory[storageKey()] = id; }
    emit('visitor', { visitorId: id });
    if (changed) {
      openSocket(true); // another visitor now: its own invites
    }
  }

  // ---- HTTP --------------------------------------------------------------------------------------------------

  function headers(json) {
    var h = { 'X-Org-Key': key };
    if (visitorId) { h['X-Visitor-Id'] = visitorId; }
    if (json) { h['Content-Type'] = 'application/json'; }
    return h;
  }

  /**
   * A widget call: resolves to {ok, status, body}; never rejects. While a call without a visitor id is out, the next
   * ones wait for its answer and go with the id the server issued (else each would be issued another visitor).
   */
  function request(method, path, body) {
    if (!visitorId && issuing) {
      return issuing.then(function () { return request(method, path, body); });
    }
    var call = send(method, path, body);
    if (!visitorId) {
      issuing = call.then(function () { issuing = null; });
    }
    return call;
  }

  function send(method, path, body) {
    var init = { method: method, headers: headers(body !== undefined), credentials: 'omit', keepalive: true };
    if (body !== undefined) { init.body = JSON.stringify(body); }
    return window.fetch(api + path, init).then(function (response) {
      keepId(response.headers.get('X-Visitor-Id'));
      return response.text().then(function (text) {
        var parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
        return { ok: response.ok, status: response.status, body: parsed };
      });
    }).catch(function (e) {
      return { ok: false, status: 0, body: null, error: String(e && e.message || e) };
    });
  }

  function beacon(path, body) {
    try {
      if (navigator.sendBeacon) {
        return navigator.sendBeacon(api + path, new Blob([JSON.stringify(body)], { type: 'text/plain' }));
      }
    } catch (e) { /* fall through to fetch */ }
    window.fetch(api + path, { method: 'POST', body: JSON.stringify(body), keepalive: true, credentials: 'omit',
      headers: { 'Content-Type': 'text/plain' } }).catch(function () { });
    return false;
  }

  // ---- tracking ----------------------------------------------------------------------------------------------

  function visible() { return document.visibilityState !== 'hidden'; }

  function page(type, fields) {
    var body = {
      type: type, url: location.href, title: document.title, referrer: document.referrer, visible: visible(),
      timezone: zone(), locale: navigator.language
    };
    for (var name in fields || {}) { if (Object.prototype.hasOwnProperty.call(fields, name)) { body[name] = fields[name]; } }
    return request('POST', '/api/visitors/track', body);
  }

  function zone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return undefined; }
  }

  function pageView() {
    if (location.href === lastUrl) {
      return Promise.resolve(null);
    }
    lastUrl = location.href;
    return page('page_view');
  }

  /**
   * Heartbeats only while the page is visible, and only once the first page view has given the visitor an id (a
   * heartbeat without one would be issued a second id); the one sent on hiding closes the visible interval.
   */
  function heartbeat() {
    if (visitorId) { page('heartbeat'); }
  }

  function schedule() {
    window.clearInterval(timer);
    timer = null;
    if (visible() && !stopped && visitorId) {
      timer = window.setInterval(guard(heartbeat), heartbeatMs);
    }
  }

  var onVisibility = guard(function () {
    heartbeat();
    schedule();
  });

  var onNavigate = guard(function () {
    // After the router has changed the address and, usually, the title.
    window.setTimeout(guard(pageView), 0);
  });

  var onPageHide = guard(function () {
    stopped = true;
    window.clearInterval(timer);
    if (call) {
      analytics('call_end', { roomName: call.roomName, metadata: { reason: 'page_closed' } });
    }
    beacon('/api/visitors/track', { type: 'page_leave', siteKey: key, visitorId: visitorId, url: location.href,
      visible: visible() });
    flush(true);
    if (socket) { try { socket.close(1000); } catch (e) { } }
  });

  var onPageShow = guard(function (event) {
    if (event.persisted && stopped) { // back from the back/forward cache: a new visit of this page
      stopped = false;
      lastUrl = null;
      pageView();
      schedule();
      openSocket(true);
    }
  });

  function patchHistory(name) {
    var original = window.history[name];
    if (typeof original !== 'function') { return; }
    window.history[name] = function () {
      var result = original.apply(this, arguments);
      onNavigate();
      return result;
    };
  }

  // ---- analytics (billing) -----------------------------------------------------------------------------------

  function analytics(eventType, fields) {
    var event = { widgetId: key, sessionId: sessionId, eventType: eventType, eventId: uuid(), pageUrl: location.href,
      timestamp: new Date().toISOString() };
    if (visitorId) { event.visitorId = visitorId; }
    for (var name in fields || {}) { if (Object.prototype.hasOwnProperty.call(fields, name)) { event[name] = fields[name]; } }
    pending.push(event);
    if (!stopped) { flush(false); }
  }

  /**
   * Sends what is pending: by fetch while the page lives (retried with a growing pause while the service is down or
   * does not know the site yet), by beacon when the page goes; the event ids make every resend safe.
   */
  function flush(leaving) {
    if (!pending.length) { return; }
    var batch = pending.slice(0, 100);
    var body = JSON.stringify(batch.length === 1 ? batch[0] : batch);
    if (leaving) {
      if (beacon('/api/analytics/events', batch.length === 1 ? batch[0] : batch)) { pending = pending.slice(batch.length); }
      return;
    }
    window.clearTimeout(flushRetry);
    // text/plain: a simple request, no preflight; the service reads it as JSON.
    window.fetch(api + '/api/analytics/events', { method: 'POST', body: body, headers: { 'Content-Type': 'text/plain' },
      credentials: 'omit', keepalive: true })
      .then(function (response) {
        // 404: the site is too new for the service to know yet; 429 and 5xx: later. Anything else is final.
        if (response.status !== 404 && response.status !== 429 && response.status < 500) {
          pending = pending.filter(function (e) { return batch.indexOf(e) < 0; });
          flushFailures = 0;
          if (pending.length) { flush(false); }
          return;
        }
        retryFlush();
      }).catch(retryFlush);
  }

  function retryFlush() {
    if (stopped) { return; }
    var delay = Math.min(30000, 1000 * Math.pow(2, flushFailures++));
    flushRetry = window.setTimeout(guard(function () { flush(false); }), delay);
  }

  // ---- the visitor socket: invites ---------------------------------------------------------------------------

  function openSocket(fresh) {
    window.clearTimeout(reconnect);
    if (socket) {
      socket.onclose = null;
      try { socket.close(1000); } catch (e) { }
      socket = null;
    }
    if (fresh) { lastFrame = null; retries = 0; }
    if (!visitorId || stopped || !window.WebSocket) { return; }
    var url = api.replace(/^http/, 'ws') + '/ws/visitor?key=' + encodeURIComponent(key) + '&visitorId='
      + encodeURIComponent(visitorId) + (lastFrame ? '&since=' + encodeURIComponent(lastFrame) : '');
    try { socket = new WebSocket(url); } catch (e) { return retry(); }
    socket.onopen = guard(function () {
      retries = 0;
      emit('connected', {});
      if (!lastFrame) { showPending(); } // sent before this socket was open (a reload, or a socket refused at first)
    });
    socket.onmessage = guard(function (message) {
      var frame = JSON.parse(message.data);
      if (frame.id) { lastFrame = frame.id; }
      if (frame.type === 'video-invite') { showInvite(frame.payload || {}); }
      if (frame.type === 'invite-updated') { inviteUpdated(frame.payload || {}); }
    });
    socket.onclose = function () { socket = null; retry(); };
  }

  /** Exponential backoff with jitter: 1 s, 2 s, 4 s … 30 s. */
  function retry() {
    if (stopped) { return; }
    var delay = Math.min(30000, 1000 * Math.pow(2, retries++)) * (0.5 + Math.random() / 2);
    reconnect = window.setTimeout(guard(function () { openSocket(false); }), delay);
  }

  function showInvite(payload) {
    if (!payload.inviteId || !payload.guestUrl || call) { return; }
    var expires = payload.expiresAt ? Date.parse(payload.expiresAt) : NaN;
    if (!isNaN(expires) && expires <= Date.now()) { return; }
    invite = payload;
    emit('invite', { inviteId: payload.inviteId, invitedByName: payload.invitedByName, message: payload.message });
    analytics('widget_open', { metadata: { reason: 'invite' } });
    renderPrompt();
    window.clearTimeout(closeTimer);
    if (!isNaN(expires)) {
      closeTimer = window.setTimeout(guard(function () { closePrompt('expired'); }), expires - Date.now());
    }
  }

  /** The visitor's pending invites from the service: the newest is shown. */
  function showPending() {
    return request('GET', '/api/visitors/me/invites').then(function (result) {
      var list = result.ok && Array.isArray(result.body) ? result.body : [];
      if (list.length && !invite && !call) {
        showInvite({ inviteId: list[0].id, guestUrl: list[0].guestUrl, invitedByName: list[0].invitedByName,
          message: list[0].message, expiresAt: list[0].expiresAt });
      }
      return { ok: result.ok, invites: list.length };
    });
  }

  function inviteUpdated(payload) {
    if (invite && payload.inviteId === invite.inviteId && payload.status !== 'invited') {
      closePrompt(payload.status);
    }
  }

  function answer(accepted) {
    var current = invite;
    if (!current) { return; }
    closePrompt(accepted ? 'accepted' : 'declined');
    var path = '/api/visitors/me/invites/' + encodeURIComponent(current.inviteId) + (accepted ? '/accept' : '/decline');
    if (!accepted) {
      request('POST', path);
      return;
    }
    // Opened before the answer comes back: a new tab must open inside the click, or the browser blocks it.
    var roomName = current.guestUrl.split('?')[0].split('/').filter(Boolean).pop();
    var tab = target === 'tab' ? window.open(current.guestUrl, '_blank', 'noopener') : null;
    if (target !== 'tab') { openRoom(current.guestUrl, roomName); }
    analytics('call_start', { roomName: roomName, callId: current.inviteId });
    request('POST', path).then(function (result) {
      if (!result.ok) {
        analytics('call_error', { roomName: roomName, metadata: { status: result.status } });
        if (target !== 'tab') { closeRoom(true); }
        emit('error', { message: 'the invite could not be accepted', status: result.status });
      } else if (target === 'tab') {
        emit('call:start', { roomName: roomName, tab: tab !== null });
      }
    });
  }

  // ---- the widget's own elements (a shadow root: the page's CSS does not reach in, ours does not leak out) ------

  var CSS = [
    ':host{all:initial}',
    '.fd{position:fixed;right:16px;bottom:16px;z-index:2147483000;font:15px/1.4 system-ui,sans-serif;color:#1b1f24}',
    '.prompt{background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);padding:16px;max-width:320px}',
    '.prompt h2{font-size:16px;margin:0 0 6px}.prompt p{margin:0 0 12px}',
    'button{font:inherit;border-radius:8px;border:1px solid #0b5cd5;padding:8px 14px;cursor:pointer;margin-right:8px}',
    'button.primary{background:#0b5cd5;color:#fff}button.secondary{background:#fff;color:#0b5cd5}',
    'button:focus-visible{outline:3px solid #f5a623;outline-offset:2px}',
    '.panel{background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);width:min(480px,92vw);overflow:hidden}',
    '.panel iframe{display:block;width:100%;height:min(360px,60vh);border:0;background:#111}',
    '.bar{display:flex;justify-content:space-between;align-items:center;padding:8px 12px}',
    '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}'
  ].join('');

  function root() {
    if (ui) { return ui; }
    var host = document.createElement('div');
    host.id = 'frontdesk-widget';
    var shadow = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
    try {
      var sheet = new CSSStyleSheet(); // constructed sheets are not inline styles: a strict CSP allows them
      sheet.replaceSync(CSS);
      shadow.adoptedStyleSheets = [sheet];
    } catch (e) {
      var style = document.createElement('style');
      style.textContent = CSS;
      shadow.appendChild(style);
    }
    var box = el('div', { className: 'fd' });
    var live = el('div', { className: 'sr', role: 'status', 'aria-live': 'polite' });
    shadow.appendChild(box);
    shadow.appendChild(live);
    document.body.appendChild(host);
    ui = { host: host, shadow: shadow, box: box, live: live };
    return ui;
  }

  function el(tag, props, text) {
    var node = document.createElement(tag);
    for (var name in props || {}) {
      if (name === 'className') { node.className = props[name]; } else { node.setAttribute(name, props[name]); }
    }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function say(text) { root().live.textContent = text; }

  function renderPrompt() {
    var r = root();
    r.box.textContent = '';
    var dialog = el('div', { className: 'prompt', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'fd-title',
      'aria-describedby': 'fd-message', 'data-invite-id': invite.inviteId });
    var who = invite.invitedByName ? invite.invitedByName + ' invites you to a video call' : 'You are invited to a video call';
    dialog.appendChild(el('h2', { id: 'fd-title' }, who));
    dialog.appendChild(el('p', { id: 'fd-message' }, invite.message || 'Join a short video call with us?'));
    var accept = el('button', { type: 'button', className: 'primary', 'data-action': 'accept' }, 'Join the call');
    var decline = el('button', { type: 'button', className: 'secondary', 'data-action': 'decline' }, 'Not now');
    accept.addEventListener('click', guard(function () { answer(true); }));
    decline.addEventListener('click', guard(function () { answer(false); }));
    dialog.appendChild(accept);
    dialog.appendChild(decline);
    dialog.addEventListener('keydown', guard(function (event) { trapFocus(event, [accept, decline]); }));
    r.box.appendChild(dialog);
    returnFocus = document.activeElement;
    accept.focus();
    say(who);
  }

  /** Tab and Shift+Tab stay inside the dialog; Escape answers "not now". */
  function trapFocus(event, focusables) {
    if (event.key === 'Escape') {
      event.preventDefault();
      answer(false);
      return;
    }
    if (event.key !== 'Tab') { return; }
    var active = ui.shadow.activeElement;
    var index = focusables.indexOf(active);
    var next = event.shiftKey ? (index <= 0 ? focusables.length - 1 : index - 1) : (index + 1) % focusables.length;
    event.preventDefault();
    focusables[next].focus();
  }

  function closePrompt(reason) {
    window.clearTimeout(closeTimer);
    if (!invite) { return; }
    var closed = invite;
    invite = null;
    if (ui && !call) { ui.box.textContent = ''; }
    if (reason === 'expired' || reason === 'cancelled') { say('The video call invitation is no longer available.'); }
    emit('invite:closed', { inviteId: closed.inviteId, reason: reason });
    if (returnFocus && returnFocus.focus && reason !== 'accepted') {
      try { returnFocus.focus(); } catch (e) { }
    }
  }

  function openRoom(url, roomName) {
    var r = root();
    r.box.textContent = '';
    call = { roomName: roomName };
    var panel = el('div', { className: 'panel', role: 'region', 'aria-label': 'Video call' });
    var frame = el('iframe', { src: url, title: 'Video call',
      allow: 'camera; microphone; display-capture; autoplay; fullscreen; clipboard-write' });
    var bar = el('div', { className: 'bar' });
    var link = el('a', { href: url, target: '_blank', rel: 'noopener' }, 'Open in a new tab');
    var leave = el('button', { type: 'button', className: 'secondary', 'data-action': 'leave' }, 'Leave the call');
    leave.addEventListener('click', guard(function () { closeRoom(false); }));
    bar.appendChild(link);
    bar.appendChild(leave);
    panel.appendChild(frame);
    panel.appendChild(bar);
    r.box.appendChild(panel);
    leave.focus();
    say('The video call is open.');
    emit('call:start', { roomName: roomName });
  }

  function closeRoom(failed) {
    if (!call) { return; }
    var ended = call;
    call = null;
    if (ui) { ui.box.textContent = ''; }
    if (!failed) { analytics('call_end', { roomName: ended.roomName }); }
    emit('call:end', { roomName: ended.roomName, failed: failed });
    if (returnFocus && returnFocus.focus) { try { returnFocus.focus(); } catch (e) { } }
  }

  // ---- the public API ----------------------------------------------------------------------------------------

  var Frontdesk = {
    version: VERSION,

    /** Links this visitor to the site's user: signature = hex(HMAC-SHA256(identity secret, externalId)). */
    identify: function (externalId, signature, traits) {
      return safe(function () {
        var body = { externalId: String(externalId), signature: String(signature) };
        if (traits && traits.email) { body.email = String(traits.email); }
        if (traits && traits.name) { body.name = String(traits.name); }
        return request('POST', '/api/visitors/identify', body).then(function (result) {
          if (result.ok && result.body) { keepId(result.body.visitorId); }
          return result.ok ? { ok: true, visitorId: visitorId, outcome: result.body && result.body.outcome }
            : { ok: false, status: result.status, problem: result.body };
        });
      });
    },

    /** A page view now (routers that change pages without the History API), or a heartbeat. */
    track: function (type, fields) {
      return safe(function () {
        if (type === 'heartbeat') { return visitorId ? page('heartbeat', fields) : Promise.resolve({ ok: false }); }
        lastUrl = location.href;
        return page('page_view', fields);
      });
    },

    /** Shows the visitor's pending invite, if there is one (e.g. after the prompt was dismissed elsewhere). */
    open: function () {
      return safe(function () {
        analytics('widget_open', { metadata: { reason: 'api' } });
        return showPending();
      });
    },

    /** Events: visitor, connected, invite, invite:closed, call:start, call:end, error (also window "frontdesk:<name>"). */
    on: function (name, fn) {
      if (typeof fn === 'function') { (listeners[name] = listeners[name] || []).push(fn); }
      return Frontdesk;
    },

    off: function (name, fn) {
      listeners[name] = (listeners[name] || []).filter(function (f) { return f !== fn; });
      return Frontdesk;
    },

    visitorId: function () { return visitorId; }
  };

  /** A promise that always resolves: {ok: false, error} instead of a rejection the page did not ask for. */
  function safe(fn) {
    try {
      return Promise.resolve(fn()).catch(function (e) { return { ok: false, error: String(e && e.message || e) }; });
    } catch (e) {
      return Promise.resolve({ ok: false, error: String(e && e.message || e) });
    }
  }

  // ---- start -------------------------------------------------------------------------------------------------

  var start = guard(function () {
    if (started) { return; }
    started = true;
    if (!script) {
      script = document.querySelector('script[data-key][src*="frontdesk"]');
    }
    key = script && script.getAttribute('data-key');
    if (!key) {
      emit('error', { message: 'data-key is missing on the Frontdesk script tag' });
      return;
    }
    api = (script.getAttribute('data-api') || new URL(script.src, location.href).origin).replace(/\/+$/, '');
    target = script.getAttribute('data-invite-target') === 'tab' ? 'tab' : 'panel';
    heartbeatMs = Math.max(1, Number(script.getAttribute('data-heartbeat-seconds')) || 15) * 1000;
    visitorId = loadId();

    patchHistory('pushState');
    patchHistory('replaceState');
    window.addEventListener('popstate', onNavigate);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);

    analytics('widget_load');
    pageView().then(guard(function () {
      emit('ready', { visitorId: visitorId });
      if (pending.length) { flush(false); } // events queued before the id was known now carry it next time
      openSocket(true);
      schedule();
    }));
  });

  window.Frontdesk = Frontdesk;
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})(window, document);
