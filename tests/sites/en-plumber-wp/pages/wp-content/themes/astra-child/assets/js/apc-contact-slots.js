/* Austin Pro Plumbing child theme - fills contact slots from the site settings export (Settings > APC Contacts).
   Lets the office change the on-call number without editing every Elementor template. v1.3.2 */
(function () {
	'use strict';
	var cfg = window.apcSlots || {};
	function fill(data) {
		var e = data && data.emergency;
		if (!e || !e.enabled) { return; }
		var slots = document.querySelectorAll('[data-apc-slot="emergency"]');
		for (var i = 0; i < slots.length; i++) {
			var v = slots[i].querySelector('.apc-slot-value');
			if (!v) { continue; }
			var a = document.createElement('a');
			a.href = e.href;
			a.className = 'apc-emergency-link';
			a.textContent = e.display;
			v.innerHTML = '';
			v.appendChild(a);
			slots[i].style.display = '';
		}
	}
	function load() {
		if (!cfg.endpoint || !window.fetch) { return; }
		fetch(cfg.endpoint + '?v=' + (cfg.ver || ''), { credentials: 'same-origin' })
			.then(function (r) { return r.ok ? r.json() : null; })
			.then(fill)
			.catch(function () { /* keep slots hidden */ });
	}
	// wait for everything else (Elementor frontend, consent) before touching the DOM
	if (document.readyState === 'complete') { setTimeout(load, 300); }
	else { window.addEventListener('load', function () { setTimeout(load, 300); }); }
})();
