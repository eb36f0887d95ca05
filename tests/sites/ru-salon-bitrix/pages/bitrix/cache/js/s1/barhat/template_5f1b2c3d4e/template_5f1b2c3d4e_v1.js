
; /* Start:"a:4:{s:4:"full";s:54:"/local/templates/barhat/js/script.js?174177123411482";s:6:"source";s:36:"/local/templates/barhat/js/script.js";s:3:"min";s:0:"";s:3:"map";s:0:"";}"*/
/* barhat template script */
(function () {
	'use strict';

	function ready(fn) {
		if (document.readyState !== 'loading') fn();
		else document.addEventListener('DOMContentLoaded', fn);
	}

	/* ---------- callback popup ("Заказать звонок") ---------- */
	ready(function () {
		var popup = document.getElementById('callback-popup');
		var overlay = document.getElementById('popup-window-overlay-callback');
		if (!popup) return;
		function open(e) {
			if (e) e.preventDefault();
			popup.style.display = 'block';
			overlay.style.display = 'block';
		}
		function close() {
			popup.style.display = 'none';
			overlay.style.display = 'none';
		}
		Array.prototype.forEach.call(document.querySelectorAll('[data-entity="callback-open"]'), function (b) {
			b.addEventListener('click', open);
		});
		popup.querySelector('.popup-window-close-icon').addEventListener('click', close);
		overlay.addEventListener('click', close);
		var form = popup.querySelector('form');
		form.addEventListener('submit', function (e) {
			e.preventDefault();
			popup.querySelector('.popup-window-content').innerHTML = '<p class="callback-ok">Спасибо! Администратор перезвонит вам в течение 15 минут.</p>';
			if (window.ym) ym(93456781, 'reachGoal', 'callback_sent');
		});
		// маска телефона
		var tel = form.querySelector('input[type="tel"]');
		tel.addEventListener('input', function () {
			var d = tel.value.replace(/\D/g, '').replace(/^[78]/, '').slice(0, 10), out = '+7 (';
			for (var i = 0; i < d.length; i++) {
				if (i === 3) out += ') ';
				if (i === 6 || i === 8) out += '-';
				out += d[i];
			}
			tel.value = d.length ? out : '';
		});
	});

	/* ---------- cookie banner ---------- */
	ready(function () {
		if (document.cookie.indexOf('BITRIX_SM_COOKIE_ACCEPT=Y') !== -1) return;
		var b = document.createElement('div');
		b.className = 'cookie-notice';
		b.setAttribute('data-entity', 'cookie-notice');
		b.innerHTML = '<div class="cookie-notice__inner"><p class="cookie-notice__text">Мы используем файлы cookie и сервис Яндекс.Метрика, чтобы сайт работал лучше. ' +
			'Продолжая пользоваться сайтом, вы соглашаетесь с <a href="/policy/">политикой обработки персональных данных</a>.</p>' +
			'<button type="button" class="btn btn-primary cookie-notice__btn">Принять</button></div>';
		document.body.appendChild(b);
		b.querySelector('button').addEventListener('click', function () {
			document.cookie = 'BITRIX_SM_COOKIE_ACCEPT=Y; path=/; max-age=31536000';
			b.parentNode.removeChild(b);
		});
	});

	/* ---------- composite: dynamic areas ---------- */
	function loadDynamicAreas() {
		var starts = document.querySelectorAll('[id^="bxdynamic_"][id$="_start"]');
		if (!starts.length) return;
		fetch('/bitrix/tools/composite_data.php?bxrand=' + Date.now(), {
			headers: {'BX-ACTION-TYPE': 'get_dynamic', 'BX-REF': document.referrer, 'BX-CACHE-MODE': 'HTMLCACHE', 'BX-CACHE-BLOCKS': ''},
			credentials: 'same-origin'
		}).then(function (r) { return r.json(); }).then(function (data) {
			(data.dynamicBlocks || []).forEach(function (block) {
				var start = document.getElementById(block.ID + '_start');
				var end = document.getElementById(block.ID + '_end');
				if (!start || !end) return;
				var node = start.nextSibling;
				while (node && node !== end) {
					var next = node.nextSibling;
					node.parentNode.removeChild(node);
					node = next;
				}
				var tmp = document.createElement('div');
				tmp.innerHTML = block.CONTENT;
				while (tmp.firstChild) end.parentNode.insertBefore(tmp.firstChild, end);
			});
		})['catch'](function (e) { if (window.console) console.warn('composite', e); });
	}

	/* ---------- messenger widget ---------- */
	function messengerWidget() {
		var w = document.createElement('div');
		w.className = 'msg-widget';
		w.setAttribute('data-entity', 'messenger-widget');
		w.innerHTML =
			'<a class="msg-widget__btn msg-widget__btn--tg" href="https://t.me/salon_moscow_bot?start=site" target="_blank" rel="nofollow noopener" aria-label="Записаться через Telegram">' +
			'<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="#fff" d="M9.8 15.3l-.4 5.3c.6 0 .8-.3 1.1-.6l2.6-2.5 5.4 4c1 .6 1.7.3 2-.9l3.6-16.9c.3-1.5-.6-2.1-1.6-1.7L1.4 9.4c-1.4.6-1.4 1.4-.2 1.8l5.4 1.7L19 5c.6-.4 1.1-.2.7.2"/></svg></a>' +
			'<a class="msg-widget__btn msg-widget__btn--wa" href="https://wa.me/79161234567?text=%D0%97%D0%B4%D1%80%D0%B0%D0%B2%D1%81%D1%82%D0%B2%D1%83%D0%B9%D1%82%D0%B5!%20%D0%A5%D0%BE%D1%87%D1%83%20%D0%B7%D0%B0%D0%BF%D0%B8%D1%81%D0%B0%D1%82%D1%8C%D1%81%D1%8F" target="_blank" rel="nofollow noopener" aria-label="Написать в WhatsApp">' +
			'<svg viewBox="0 0 24 24" width="30" height="30" aria-hidden="true"><path fill="#fff" d="M12 2a10 10 0 0 0-8.6 15.1L2 22l5-1.3A10 10 0 1 0 12 2zm5.3 14.1c-.2.6-1.3 1.2-1.8 1.2-.5.1-1 .2-3.3-.7-2.8-1.1-4.6-4-4.7-4.2-.1-.2-1.1-1.5-1.1-2.9s.7-2.1 1-2.3c.3-.3.6-.3.8-.3h.6c.2 0 .4 0 .6.5l.9 2.1c.1.2.1.3 0 .5l-.3.5-.4.5c-.1.1-.3.3-.1.6.2.3.8 1.3 1.7 2.1 1.1 1 2.1 1.3 2.4 1.5.3.1.5.1.6-.1l.9-1.1c.2-.3.4-.2.7-.1l2 1c.3.1.5.2.5.3.1.2.1.7-.1 1.3z"/></svg></a>';
		document.body.appendChild(w);
	}

	window.addEventListener('load', function () {
		setTimeout(loadDynamicAreas, 500);
		setTimeout(messengerWidget, 800);
	});
})();
/* End */
;
