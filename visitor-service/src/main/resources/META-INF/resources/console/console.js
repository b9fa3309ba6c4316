'use strict';
// Frontdesk's reference staff console: no framework, no build step. Everything the APIs and the socket say is
// untrusted text, so it reaches the page through textContent only, and the page runs under a strict CSP (no inline
// script or style). Failures are shown in #error, never thrown.
(() => {
  const TOKEN_KEY = 'frontdesk.console.token';
  const SINCE_KEY = 'frontdesk.console.since';
  const INVITE_MESSAGE = 'Can we help? Join a quick video call.';
  const RINGING = ['initiated', 'ringing'];
  const $ = (id) => document.getElementById(id);

  const state = {
    token: null, claims: null, selected: null,
    visitors: new Map(), // visitor id → {state, timeOnSiteSeconds, loadedAt}
    invites: new Map(), // visitor id → its latest invite {id, status, invitedAt, hostUrl}
    callStatus: new Map(), // call id → the furthest status seen (answers and frames race)
    call: null, // the outgoing call {id, name, joinUrl}
    ringing: null, // the incoming call on screen {callId, joinUrl, deadline, timer, previousFocus}
    room: null, // the room on screen {callId}
  };

  // ---- helpers ----
  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = String(text);
    return e;
  }
  function actionButton(action, text) {
    const b = Object.assign(el('button', null, text), { type: 'button' });
    b.dataset.action = action;
    return b;
  }
  function duration(seconds) {
    const s = Math.max(0, Math.floor(Number(seconds) || 0)), pad = (n) => String(n).padStart(2, '0');
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    return h ? `${h}h ${pad(m)}m ${pad(s % 60)}s` : m ? `${m}m ${pad(s % 60)}s` : `${s}s`;
  }
  /** Epoch millis of an ISO instant (or of epoch seconds); 0 when absent or unreadable. */
  function time(value) {
    if (typeof value === 'number') return value < 1e12 ? value * 1000 : value;
    return Date.parse(value) || 0;
  }
  /** An absolute http(s) URL, or null: a javascript: or data: URL from the API never becomes a link or a frame. */
  function webUrl(value, httpsOnly) {
    try {
      const url = new URL(String(value || ''));
      return url.protocol === 'https:' || (!httpsOnly && url.protocol === 'http:') ? url.href : null;
    } catch (e) {
      return null;
    }
  }
  const initials = (name) => String(name || '').trim().split(/\s+/).filter(Boolean).slice(0, 2)
    .map((w) => [...w][0]).join('').toUpperCase() || '?';
  const hue = (name) => String([...String(name || '')].reduce((sum, c) => sum + c.codePointAt(0), 0) % 6);
  /** An <img> for an https avatar, else (or when it fails to load) a circle with the initials. */
  function avatar(url, name) {
    const circle = el('span', 'avatar initials', initials(name));
    circle.dataset.hue = hue(name);
    const src = webUrl(url, true);
    if (!src) return circle;
    const img = Object.assign(el('img', 'avatar'), { alt: '' });
    img.addEventListener('error', () => img.replaceWith(circle), { once: true });
    img.src = src;
    return img;
  }
  const lower = (status) => String(status || '').toLowerCase();

  function showError(text, source = 'api') {
    Object.assign($('error'), { textContent: text, hidden: false }).dataset.source = source;
  }
  function clearError(source) {
    if (!source || $('error').dataset.source === source) Object.assign($('error'), { textContent: '', hidden: true });
  }

  // ---- HTTP: the answer's JSON, or null once the failure is shown (a 401 signs out) ----
  async function api(method, path, body) {
    if (!state.token) return null;
    const init = { method, headers: { Authorization: 'Bearer ' + state.token, Accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response, json = null;
    try {
      response = await fetch(path, init);
      const text = await response.text();
      json = text ? JSON.parse(text) : {};
    } catch (e) {
      if (!response) return showError(`${method} ${path}: the service could not be reached (${e.message}).`), null;
    }
    if (response.status === 401) return signOut('The token was refused (expired or invalid): sign in again.'), null;
    if (!response.ok) {
      return showError(`${method} ${path}: ${response.status} ${(json && (json.detail || json.title)) || response.statusText}`), null;
    }
    return json || {};
  }

  // ---- signing in ----
  function claimsOf(token) {
    try {
      const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const bytes = Uint8Array.from(atob(part.padEnd(Math.ceil(part.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
      const claims = JSON.parse(new TextDecoder().decode(bytes));
      return claims && typeof claims === 'object' ? claims : null;
    } catch (e) {
      return null;
    }
  }
  function groupsOf(claims) {
    const groups = claims.groups || (claims.realm_access && claims.realm_access.roles) || [];
    return (Array.isArray(groups) ? groups : [groups]).map(String);
  }
  // The organization claim may be namespaced (e.g. https://frontdesk.example.com/org, see frontdesk.auth.org-claim).
  const orgOf = (claims) => String(claims[Object.keys(claims).find((k) => k === 'org' || k.endsWith('/org'))] || '');
  const expired = (claims) => typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now();
  function showApp(signedIn) {
    $('sign-in-panel').hidden = signedIn;
    $('app').hidden = !signedIn;
    $('sign-out').hidden = !signedIn;
  }

  function signIn(raw) {
    const token = String(raw || '').trim().replace(/^Bearer\s+/i, '');
    const claims = claimsOf(token);
    if (!claims) return showError('That is not a JWT (header.payload.signature).');
    if (expired(claims)) return showError('That token has expired.');
    Object.assign(state, { token, claims });
    sessionStorage.setItem(TOKEN_KEY, token);
    clearError();
    $('whoami').replaceChildren(el('span', 'sub', claims.sub || ''), el('span', 'org', orgOf(claims)),
      el('span', 'groups', groupsOf(claims).join(', ')));
    $('token').value = '';
    showApp(true);
    disconnect();
    connect();
    // Live visitors are for staff and admins; a client's console only calls and is called.
    const staff = groupsOf(claims).some((g) => g === 'staff' || g === 'admin');
    $('visitors-panel').hidden = !staff;
    if (staff) reloadVisitors();
    loadDirectory();
  }

  function signOut(message, forget) {
    Object.assign(state, { token: null, claims: null, call: null, selected: null });
    sessionStorage.removeItem(TOKEN_KEY);
    if (forget) sessionStorage.removeItem(SINCE_KEY);
    disconnect();
    closeIncoming();
    closeRoom();
    state.visitors.clear();
    state.invites.clear();
    ['visitors', 'timeline', 'directory', 'whoami', 'call-status'].forEach((id) => $(id).replaceChildren());
    $('timeline-panel').hidden = $('cancel-call').hidden = true;
    showApp(false);
    if (message) showError(message, 'auth');
    else clearError();
  }

  // ---- live visitors ----
  const reload = { timer: null, busy: false, again: false, last: 0 };
  /** Loads the list at most once a second; asked during a load, it loads again after it. */
  function reloadVisitors() {
    if (reload.busy) reload.again = true;
    if (reload.busy || reload.timer) return;
    reload.timer = setTimeout(async () => {
      Object.assign(reload, { timer: null, busy: true, last: Date.now() });
      const page = await api('GET', '/api/visitors/live');
      reload.busy = false;
      if (page && state.token) renderVisitors(page.items || []);
      if (reload.again) {
        reload.again = false;
        reloadVisitors();
      }
    }, Math.max(0, reload.last + 1000 - Date.now()));
  }
  const rowOf = (id) => [...$('visitors').children].find((li) => li.dataset.visitorId === id);

  function renderVisitors(items) {
    const list = $('visitors');
    const old = new Map([...list.children].map((li) => [li.dataset.visitorId, li]));
    state.visitors.clear();
    for (const v of items) {
      let li = old.get(v.id);
      old.delete(v.id);
      if (!li) {
        li = Object.assign(el('li', 'visitor'), { tabIndex: 0 });
        li.dataset.visitorId = v.id;
        li.append(el('span', 'name'), el('span', 'state'), el('span', 'page'), el('span', 'time'),
          el('span', 'invite-status'), actionButton('invite', 'Invite to video'), actionButton('join', 'Join'));
      }
      state.visitors.set(v.id, { state: v.state, timeOnSiteSeconds: v.timeOnSiteSeconds, loadedAt: Date.now() });
      li.querySelector('.name').textContent = (v.contact && (v.contact.name || v.contact.email)) || v.company || v.id;
      Object.assign(li.querySelector('.state'), { textContent: v.state || '' }).dataset.state = v.state || '';
      Object.assign(li.querySelector('.page'), { textContent: v.currentTitle || v.currentUrl || '', title: v.currentUrl || '' });
      li.classList.toggle('selected', v.id === state.selected);
      list.append(li); // appending a row that is there moves it: the list keeps the API's order
      if (v.latestInvite) rememberInvite(v.id, { ...v.latestInvite });
      else renderInvite(v.id);
    }
    old.forEach((li) => li.remove());
    tick();
  }

  /** Time on site counts up between loads while the visitor is active (an idle visitor's tab is hidden). */
  function tick() {
    for (const li of $('visitors').children) {
      const v = state.visitors.get(li.dataset.visitorId);
      const extra = v && v.state === 'active' ? Math.floor((Date.now() - v.loadedAt) / 1000) : 0;
      if (v) li.querySelector('.time').textContent = duration((v.timeOnSiteSeconds || 0) + extra);
    }
  }

  async function showTimeline(id) {
    state.selected = id;
    for (const li of $('visitors').children) li.classList.toggle('selected', li.dataset.visitorId === id);
    const page = await api('GET', `/api/visitors/${encodeURIComponent(id)}/pages`);
    if (!page || state.selected !== id) return;
    const items = (page.items || []).map((p, i) => { // newest first
      const href = webUrl(p.url);
      const link = el(href ? 'a' : 'span', 'page-title', p.title || p.url || '(no address)');
      if (href) Object.assign(link, { href, target: '_blank', rel: 'noopener noreferrer' });
      const spent = p.seconds != null ? duration(p.seconds) : i === 0 && !p.leftAt ? 'current' : '–';
      const li = el('li', 'timeline-page');
      li.append(link, el('span', 'page-url', p.url || ''), el('span', 'page-time', spent));
      return li;
    });
    $('timeline').replaceChildren(...(items.length ? items : [el('li', 'empty', 'No pages yet.')]));
    $('timeline-title').textContent = `Pages of ${id}`;
    $('timeline-panel').hidden = false;
  }

  // ---- video invites ----
  const inviteRank = (status) => (status === 'invited' ? 0 : status === 'completed' ? 2 : 1);
  /** Keeps each visitor's latest invite: a status only moves forward, a newer invite replaces an older one. */
  function rememberInvite(visitorId, next) {
    const known = state.invites.get(visitorId);
    if (known && known.id === next.id) {
      if (inviteRank(next.status) >= inviteRank(known.status)) known.status = next.status;
      known.hostUrl = known.hostUrl || next.hostUrl;
    } else if (!known || time(next.invitedAt) >= time(known.invitedAt)) {
      state.invites.set(visitorId, next);
    }
    renderInvite(visitorId);
  }
  function renderInvite(visitorId) {
    const li = rowOf(visitorId), invite = state.invites.get(visitorId);
    if (!li) return;
    Object.assign(li.querySelector('.invite-status'), { textContent: invite ? invite.status : '' })
      .dataset.status = invite ? invite.status : '';
    li.querySelector('[data-action="join"]').hidden = !(invite && invite.status === 'accepted' && invite.hostUrl);
  }
  async function invite(visitorId, button) {
    button.disabled = true;
    const sent = await api('POST', `/api/visitors/${encodeURIComponent(visitorId)}/invites`, { message: INVITE_MESSAGE });
    button.disabled = false;
    if (sent) rememberInvite(visitorId, { id: sent.id, status: sent.status, invitedAt: sent.invitedAt, hostUrl: sent.hostUrl });
  }
  function onInviteUpdated(p) {
    if (!p.visitorId || !p.inviteId) return;
    const known = state.invites.get(p.visitorId);
    // A change of an older invite of this visitor (e.g. the one a resend cancelled) is not news about the latest.
    if (known && known.id !== p.inviteId && p.status !== 'invited') return;
    rememberInvite(p.visitorId, { id: p.inviteId, status: p.status, invitedAt: p.changedAt });
  }

  // ---- directory and outgoing calls ----
  let directoryTimer = null, directoryRequest = 0;
  async function loadDirectory() {
    const q = $('directory-search').value.trim(), request = ++directoryRequest;
    // Staff call their company's clients; a client signed in here calls its staff.
    const groups = state.claims ? groupsOf(state.claims) : [];
    const who = groups.includes('client') && !groups.includes('staff') ? 'staff' : 'clients';
    const page = await api('GET', `/api/directory/${who}${q ? '?q=' + encodeURIComponent(q) : ''}`);
    if (!page || request !== directoryRequest) return;
    $('directory').replaceChildren(...(page.items || []).map((u) => {
      const li = el('li', 'user');
      li.dataset.userId = u.id;
      li.append(avatar(u.avatarUrl, u.name), el('span', 'name', u.name || u.id), el('span', 'role', u.role || ''),
        actionButton('call', 'Call'));
      return li;
    }));
  }

  // initiated 1, ringing 2, answered 3, over (declined, missed, cancelled, ended) 4.
  const callRank = (status) => RINGING.indexOf(status) + 1 || (status === 'answered' ? 3 : 4);
  function noteCallStatus(callId, status) {
    const known = state.callStatus.get(callId);
    state.callStatus.set(callId, known && callRank(known) >= callRank(status) ? known : status);
    return state.callStatus.get(callId);
  }
  function renderCall() {
    const status = state.callStatus.get(state.call.id), box = $('call-status');
    Object.assign(box.dataset, { callId: state.call.id, status });
    box.textContent = `${state.call.incoming ? 'From ' : ''}${state.call.name}: ${status}`;
    $('cancel-call').hidden = !RINGING.includes(status) || state.call.incoming;
  }
  async function startCall(li, button) {
    button.disabled = true;
    const call = await api('POST', '/api/calls', { calleeId: li.dataset.userId });
    button.disabled = false;
    if (!call) return;
    noteCallStatus(call.id, lower(call.status));
    state.call = { id: call.id, name: li.querySelector('.name').textContent, joinUrl: call.joinUrl };
    renderCall();
  }
  function onCallUpdated(p) {
    if (!p.callId || !p.status) return;
    const status = noteCallStatus(p.callId, lower(p.status));
    if (state.call && state.call.id === p.callId) {
      renderCall();
      if (status === 'answered' && !state.room && !state.call.incoming) openRoom(state.call.joinUrl, p.callId);
    }
    if (state.ringing && state.ringing.callId === p.callId && !RINGING.includes(status)) closeIncoming();
    if (state.room && state.room.callId === p.callId && callRank(status) === 4) closeRoom();
  }

  // ---- incoming calls ----
  function onIncomingCall(p) {
    if (!p.callId || callRank(state.callStatus.get(p.callId) || 'initiated') > 2) return; // answered or over
    closeIncoming();
    const dialog = $('incoming-call'), name = p.callerName || (p.caller && p.caller.name) || 'Someone';
    const img = dialog.querySelector('.caller-avatar'), circle = dialog.querySelector('.caller-initials');
    const src = webUrl(p.callerAvatar || (p.caller && p.caller.avatarUrl), true);
    dialog.querySelector('.caller-name').textContent = name;
    Object.assign(circle, { textContent: initials(name), hidden: !!src }).dataset.hue = hue(name);
    img.hidden = !src;
    img.onerror = () => { img.hidden = true; circle.hidden = false; };
    if (src) img.src = src;
    else img.removeAttribute('src');
    const deadline = time(p.ringDeadline) || (time(p.initiatedAt) || Date.now()) + 30000;
    state.ringing = { callId: p.callId, joinUrl: p.joinUrl || p.roomUrl, deadline, previousFocus: document.activeElement };
    // The status line follows this call too: a call nobody answered ends as "From <caller>: missed".
    state.call = { id: p.callId, name, joinUrl: state.ringing.joinUrl, incoming: true };
    noteCallStatus(p.callId, 'ringing');
    renderCall();
    state.ringing.timer = setInterval(countdown, 250);
    if (!countdown()) return; // past its deadline already
    dialog.hidden = false;
    dialog.querySelector('[data-action="accept"]').focus();
    startRingtone();
  }
  /** Seconds left; at 0 the modal closes (the server marks the call missed and says so in a call-updated frame). */
  function countdown() {
    if (!state.ringing) return 0;
    const left = Math.max(0, Math.ceil((state.ringing.deadline - Date.now()) / 1000));
    $('incoming-call').querySelector('.countdown').textContent = String(left);
    if (left === 0) closeIncoming();
    return left;
  }
  function closeIncoming() {
    const ringing = state.ringing;
    stopRingtone();
    if (!ringing) return;
    state.ringing = null;
    clearInterval(ringing.timer);
    $('incoming-call').hidden = true;
    if (ringing.previousFocus && ringing.previousFocus.focus) ringing.previousFocus.focus();
  }
  async function respond(accept) {
    const ringing = state.ringing;
    if (!ringing) return;
    closeIncoming();
    const call = await api('POST', `/api/calls/${encodeURIComponent(ringing.callId)}/${accept ? 'answer' : 'decline'}`);
    if (call) noteCallStatus(ringing.callId, lower(call.status));
    if (call && accept) openRoom(call.joinUrl || ringing.joinUrl, ringing.callId);
  }

  // ---- ringtone: two short beeps every 2 s; a browser may refuse audio before the user's first gesture ----
  let audio = null, ringTimer = null;
  function audioContext() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === 'suspended') audio.resume().catch(() => {});
      return audio;
    } catch (e) {
      return null;
    }
  }
  function ring() {
    try {
      const ctx = audioContext();
      for (const offset of ctx ? [0, 0.3] : []) {
        const osc = ctx.createOscillator(), gain = ctx.createGain();
        osc.frequency.value = 880;
        gain.gain.value = 0.1;
        osc.connect(gain).connect(ctx.destination);
        osc.start(ctx.currentTime + offset);
        osc.stop(ctx.currentTime + offset + 0.15);
      }
    } catch (e) {
      // No sound (autoplay policy, no audio device): the modal still shows.
    }
  }
  function startRingtone() {
    stopRingtone();
    ring();
    ringTimer = setInterval(ring, 2000);
  }
  function stopRingtone() {
    clearInterval(ringTimer);
    ringTimer = null;
  }

  // ---- the video room ----
  function openRoom(url, callId) {
    const src = webUrl(url);
    if (!src) return showError('There is no link to the video room.');
    state.room = { callId };
    $('room').src = src;
    $('room-panel').hidden = false;
  }
  function closeRoom() {
    state.room = null;
    const fresh = $('room').cloneNode(false);
    fresh.removeAttribute('src'); // a new frame unloads the room: camera and microphone off
    $('room').replaceWith(fresh);
    $('room-panel').hidden = true;
  }
  async function leaveRoom() {
    const room = state.room;
    closeRoom();
    if (!room || !room.callId || state.callStatus.get(room.callId) !== 'answered') return;
    const call = await api('POST', `/api/calls/${encodeURIComponent(room.callId)}/end`);
    if (call) onCallUpdated({ callId: room.callId, status: call.status });
  }

  // ---- the notification socket ----
  const socket = { ws: null, attempt: 0, timer: null, lastId: sessionStorage.getItem(SINCE_KEY) };
  function setSocketState(text) {
    Object.assign($('socket-state'), { textContent: text }).dataset.state = text;
  }
  function connect() {
    clearTimeout(socket.timer);
    if (!state.token) return;
    if (expired(state.claims)) return signOut('The token has expired: sign in again.');
    const since = socket.lastId ? '?since=' + encodeURIComponent(socket.lastId) : '';
    const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws/notifications${since}`;
    let ws;
    try {
      ws = new WebSocket(url, ['bearer-token-carrier', encodeURI('quarkus-http-upgrade#Authorization#Bearer ' + state.token)]);
    } catch (e) {
      showError(`Notifications: ${e.message}`, 'socket');
      return retry();
    }
    socket.ws = ws;
    if (socket.attempt === 0) setSocketState('connecting');
    ws.onopen = () => {
      socket.attempt = 0;
      setSocketState('connected');
      clearError('socket');
      // visitor-activity is live only: what happened while away is in the list
      if (!$('visitors-panel').hidden) reloadVisitors();
    };
    ws.onmessage = (event) => onFrame(event.data);
    ws.onclose = (event) => {
      if (socket.ws !== ws) return; // closed on purpose
      socket.ws = null;
      showError(`Notifications: the connection closed (${event.code}${event.reason ? ' ' + event.reason : ''}); reconnecting.`, 'socket');
      retry();
    };
  }
  /** Exponential backoff from 1 s doubling to 30 s, each wait between half and all of it (jitter). */
  function retry() {
    setSocketState('reconnecting');
    const base = Math.min(30000, 1000 * 2 ** socket.attempt++);
    socket.timer = setTimeout(connect, base / 2 + Math.random() * (base / 2));
  }
  function disconnect() {
    const ws = socket.ws;
    clearTimeout(socket.timer);
    Object.assign(socket, { ws: null, attempt: 0 });
    if (ws) ws.close(1000, 'signed out');
    setSocketState('disconnected');
  }
  function onFrame(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch (e) {
      return showError('Notifications: a frame that is not JSON was ignored.', 'socket');
    }
    if (!frame || typeof frame !== 'object') return;
    // Live-only frames (visitor-activity, ids live-…) are not replayed, so they are never the point to resume from.
    if (frame.id != null && !String(frame.id).startsWith('live-')) {
      socket.lastId = String(frame.id);
      sessionStorage.setItem(SINCE_KEY, socket.lastId);
    }
    const p = frame.payload && typeof frame.payload === 'object' ? frame.payload : {};
    if (frame.type === 'visitor-activity' && !$('visitors-panel').hidden) reloadVisitors();
    else if (frame.type === 'invite-updated') onInviteUpdated(p);
    else if (frame.type === 'incoming-call') onIncomingCall(p);
    else if (frame.type === 'call-updated') onCallUpdated(p);
  }

  // ---- wiring ----
  const on = (id, type, handler) => $(id).addEventListener(type, handler);
  on('sign-in-form', 'submit', (event) => {
    event.preventDefault();
    audioContext(); // this click is the gesture that lets the ringtone play later
    signIn($('token').value);
  });
  // Signed in by a ?token= link there is no sign-in click: the first click or key press anywhere unlocks the audio.
  const unlockAudio = () => {
    audioContext();
    document.removeEventListener('pointerdown', unlockAudio, true);
    document.removeEventListener('keydown', unlockAudio, true);
  };
  document.addEventListener('pointerdown', unlockAudio, true);
  document.addEventListener('keydown', unlockAudio, true);
  on('sign-out', 'click', () => signOut(null, true));
  on('error', 'click', () => clearError());
  on('visitors', 'click', (event) => {
    const li = event.target.closest('li[data-visitor-id]'), button = event.target.closest('button[data-action]');
    if (!li) return;
    if (!button) showTimeline(li.dataset.visitorId);
    else if (button.dataset.action === 'invite') invite(li.dataset.visitorId, button);
    else openRoom((state.invites.get(li.dataset.visitorId) || {}).hostUrl, null); // join: the host's link
  });
  on('visitors', 'keydown', (event) => {
    if (event.key === 'Enter' && event.target.matches('li[data-visitor-id]')) showTimeline(event.target.dataset.visitorId);
  });
  on('directory-search', 'input', () => {
    clearTimeout(directoryTimer);
    directoryTimer = setTimeout(loadDirectory, 250);
  });
  on('directory', 'click', (event) => {
    const button = event.target.closest('button[data-action="call"]');
    if (button) startCall(button.closest('li[data-user-id]'), button);
  });
  on('cancel-call', 'click', async () => {
    const call = state.call && await api('POST', `/api/calls/${encodeURIComponent(state.call.id)}/cancel`);
    if (call) onCallUpdated({ callId: call.id, status: call.status });
  });
  $('room-panel').querySelector('[data-action="leave"]').addEventListener('click', leaveRoom);
  $('incoming-call').querySelector('[data-action="accept"]').addEventListener('click', () => respond(true));
  $('incoming-call').querySelector('[data-action="decline"]').addEventListener('click', () => respond(false));
  document.addEventListener('keydown', (event) => {
    if (!state.ringing) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      respond(false);
    } else if (event.key === 'Tab') { // focus stays in the modal
      const buttons = [...$('incoming-call').querySelectorAll('button')];
      const next = buttons.indexOf(document.activeElement) + (event.shiftKey ? -1 : 1);
      event.preventDefault();
      buttons[(next + buttons.length) % buttons.length].focus();
    }
  });
  setInterval(tick, 1000);

  // A token in the address (?token=…) is taken once, then removed from the address bar and the history.
  const params = new URLSearchParams(location.search), fromAddress = params.get('token');
  if (fromAddress !== null) {
    params.delete('token');
    history.replaceState(null, '', location.pathname + (params.toString() ? '?' + params : '') + location.hash);
  }
  const saved = fromAddress || sessionStorage.getItem(TOKEN_KEY);
  if (saved) signIn(saved);
})();
