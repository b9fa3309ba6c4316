// The booking join page: a member's signed link (?org&uid&expires&signature) or a host's (?uid&role=host) asks this
// service's join API and shows the room. Text goes in with textContent only; the room URL must be http(s).
'use strict';

(function () {
  var TOKEN_KEY = 'frontdesk.join.hostToken';
  var ROOM_PERMISSIONS = 'camera; microphone; display-capture; autoplay; fullscreen; clipboard-write';
  var TEXT = {
    loading: 'Preparing your video room…',
    open: 'Your room is open. If it stays blank, open it in a new tab.',
    expired: 'This join link has expired. Use the link from your latest message, or ask for a new one.',
    invalid: 'This join link is not valid. Open the whole link from your message.',
    incomplete: 'This join link is incomplete. Open the whole link from your message.',
    pending: 'This session is not open yet: it is waiting for the host\u2019s confirmation.',
    notFound: 'We could not find this booking.',
    unavailable: 'The video room could not be prepared. Try again in a minute.',
    signIn: 'Sign in with your staff token to join as the host.',
    tokenRefused: 'That token was not accepted (it may have expired, or not be a staff token). Sign in again.',
    tokenMissing: 'Paste your staff token to join as the host.',
    tokenMalformed: 'That does not look like a token. Paste the whole token.'
  };
  var CLOSED = {
    CANCELLED: 'This booking was cancelled.',
    REJECTED: 'This booking was declined by the host.',
    RESCHEDULED: 'This booking was moved to another time. Use the link for the new time.',
    COMPLETED: 'This session has already taken place.'
  };

  var ui = {
    title: document.getElementById('title'),
    state: document.getElementById('state'),
    link: document.getElementById('room-link'),
    retry: document.getElementById('retry'),
    form: document.getElementById('sign-in-form'),
    token: document.getElementById('token')
  };
  var params = new URLSearchParams(window.location.search);
  var uid = params.get('uid') || '';
  var org = params.get('org') || '';
  var expires = params.get('expires') || '';
  var signature = params.get('signature') || '';
  var asHost = params.get('role') === 'host' || (uid !== '' && signature === '');
  var again = null; // what #retry does

  function show(state, text) {
    ui.state.setAttribute('data-state', state);
    ui.state.textContent = text;
    ui.retry.hidden = state !== 'unavailable';
    ui.form.hidden = state !== 'sign-in';
    ui.link.hidden = state !== 'open';
  }

  // The JSON answer of a same-origin POST: {status, body}; status 0 when the network failed.
  function post(path, headers, body) {
    return window.fetch(path, {
      method: 'POST',
      headers: headers,
      body: body,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      referrerPolicy: 'no-referrer'
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (json) {
        return { status: response.status, body: json && typeof json === 'object' ? json : {} };
      });
    }, function () {
      return { status: 0, body: {} };
    });
  }

  function booking() {
    return '/api/bookings/' + encodeURIComponent(uid);
  }

  function roomUrl(value) {
    if (typeof value !== 'string' || value === '') {
      return null;
    }
    try {
      var url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function openRoom(joined) {
    var url = roomUrl(joined.roomUrl);
    if (!url) {
      show('unavailable', TEXT.unavailable);
      return;
    }
    var frame = document.getElementById('room');
    if (!frame) {
      frame = document.createElement('iframe');
      frame.id = 'room';
      frame.title = 'Video room';
      frame.setAttribute('allow', ROOM_PERMISSIONS);
      frame.setAttribute('referrerpolicy', 'no-referrer');
      document.body.appendChild(frame);
    }
    frame.src = url;
    ui.link.href = url;
    if (typeof joined.title === 'string' && joined.title !== '') {
      ui.title.textContent = joined.title;
    }
    document.body.classList.add('room-open');
    show('open', TEXT.open);
  }

  // What every join answer means for the page, but the host's 401/403 (a sign-in problem, handled by the caller).
  function settle(answer) {
    var body = answer.body;
    if (answer.status >= 200 && answer.status < 300) {
      openRoom(body);
    } else if (answer.status === 403) {
      show(body.reason === 'expired' ? 'expired' : 'invalid', body.reason === 'expired' ? TEXT.expired : TEXT.invalid);
    } else if (answer.status === 400 || answer.status === 401) {
      show('invalid', TEXT.invalid);
    } else if (answer.status === 404) {
      show('not-found', TEXT.notFound);
    } else if (answer.status === 409 && body.bookingStatus === 'PENDING') {
      show('pending', TEXT.pending);
    } else if (answer.status === 409) {
      show('cancelled', CLOSED[body.bookingStatus] || 'This booking can no longer be joined.');
    } else {
      show('unavailable', TEXT.unavailable);
    }
  }

  // --- members: the signed link ---------------------------------------------------------------------------------

  function joinAsMember() {
    show('loading', TEXT.loading);
    post(booking() + '/join/member', { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      JSON.stringify({ org: org, expires: Number(expires), signature: signature })).then(settle);
  }

  function member() {
    if (org === '' || signature === '' || !/^[0-9]{1,15}$/.test(expires)) {
      show('invalid', TEXT.incomplete);
    } else if (Number(expires) * 1000 < Date.now()) {
      show('expired', TEXT.expired);
    } else {
      again = joinAsMember;
      joinAsMember();
    }
  }

  // --- hosts: a staff token, kept for this tab only -------------------------------------------------------------

  function storedToken() {
    try {
      return window.sessionStorage.getItem(TOKEN_KEY) || '';
    } catch (e) {
      return '';
    }
  }

  function storeToken(token) {
    try {
      if (token) {
        window.sessionStorage.setItem(TOKEN_KEY, token);
      } else {
        window.sessionStorage.removeItem(TOKEN_KEY);
      }
    } catch (e) {
      // Storage refused (private browsing): the token lives until the page closes.
    }
  }

  function askForToken(text) {
    show('sign-in', text);
    ui.token.value = '';
    ui.token.focus();
  }

  function joinAsHost(token) {
    show('loading', TEXT.loading);
    again = function () { joinAsHost(token); };
    post(booking() + '/join/host', { 'Authorization': 'Bearer ' + token, 'Accept': 'application/json' }, null)
      .then(function (answer) {
        if (answer.status === 401 || answer.status === 403) {
          storeToken('');
          askForToken(TEXT.tokenRefused);
        } else {
          settle(answer);
        }
      });
  }

  function host() {
    ui.form.addEventListener('submit', function (event) {
      event.preventDefault();
      var token = ui.token.value.trim().replace(/^Bearer\s+/i, '');
      ui.token.value = '';
      if (token === '') {
        askForToken(TEXT.tokenMissing);
      } else if (!/^[A-Za-z0-9._~+\/=-]+$/.test(token)) {
        askForToken(TEXT.tokenMalformed);
      } else {
        storeToken(token);
        joinAsHost(token);
      }
    });
    var token = storedToken();
    if (token) {
      joinAsHost(token);
    } else {
      askForToken(TEXT.signIn);
    }
  }

  ui.retry.addEventListener('click', function () {
    if (again) {
      again();
    }
  });

  if (uid === '') {
    show('invalid', TEXT.incomplete);
  } else if (asHost) {
    host();
  } else {
    member();
  }
}());
