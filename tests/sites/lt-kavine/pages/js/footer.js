/* Svetainės poraštė – viena visiems puslapiams.
   Kontaktai laikomi /data/kontaktai.json, kad juos būtų galima pakeisti vienoje vietoje. */
(function () {
	var footer = document.getElementById('SITE_FOOTER');
	if (!footer) return;
	var icon = {
		facebook: '<svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="currentColor" xmlns="http://www.w3.org/2000/svg"><path d="M14 8h3V4h-3c-2.8 0-4 1.8-4 4.5V11H7v4h3v9h4v-9h3l1-4h-4V8.8c0-.5.3-.8 1-.8z"/></svg>',
		instagram: '<svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="currentColor" xmlns="http://www.w3.org/2000/svg"><rect x="3" y="3" width="18" height="18" rx="5" fill="none" stroke="currentColor" stroke-width="2"/><circle cx="12" cy="12" r="4" fill="none" stroke="currentColor" stroke-width="2"/><circle cx="17.5" cy="6.5" r="1.2"/></svg>',
		tiktok: '<svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="currentColor" xmlns="http://www.w3.org/2000/svg"><path d="M16 3c.4 2.3 1.8 3.8 4 4v3.2c-1.5 0-2.8-.4-4-1.2V16a6 6 0 1 1-6-6v3.3a2.7 2.7 0 1 0 2.7 2.7V3z"/></svg>',
		threads: '<svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="currentColor" xmlns="http://www.w3.org/2000/svg"><path d="M12 2a10 10 0 1 0 5.6 18.3l-1.2-1.6A8 8 0 1 1 20 12c0 1.7-.8 3-2 3s-2-1-2-2.3V8h-2v.8A4.5 4.5 0 1 0 14.5 15c.7 1.2 2 2 3.5 2 2.5 0 4-2.2 4-5A10 10 0 0 0 12 2zm0 12.5a2.5 2.5 0 1 1 0-5 2.5 2.5 0 0 1 0 5z"/></svg>'
	};
	footer.innerHTML =
		'<div class="ftr-inner">' +
			'<div class="ftr-col"><p class="ftr-logo">Rūta</p><p>Kavinė ir kepyklėlė Vilniaus senamiestyje. Kepame patys kiekvieną rytą.</p></div>' +
			'<div class="ftr-col"><h4>Mus rasite</h4><p>Pilies g. 14, LT-01123 Vilnius</p><p>I–V 7:30–19:00<br>VI–VII 9:00–18:00</p></div>' +
			'<div class="ftr-col"><h4>Rezervacijos</h4>' +
				'<p class="ftr-contact is-loading" data-k="tel">Įkeliama…</p>' +
				'<p class="ftr-contact" data-k="email"></p></div>' +
			'<div class="ftr-col"><h4>Sekite mus</h4><ul class="wixui-social-bar">' +
				'<li><a href="https://www.facebook.com/kavineruta" target="_blank" rel="noopener" aria-label="Facebook">' + icon.facebook + '</a></li>' +
				'<li><a href="https://www.instagram.com/kavine.ruta/" target="_blank" rel="noopener" aria-label="Instagram">' + icon.instagram + '</a></li>' +
				'<li><a href="https://www.tiktok.com/@kavine.ruta" target="_blank" rel="noopener" aria-label="TikTok">' + icon.tiktok + '</a></li>' +
				'<li><a href="https://www.threads.net/@kavine.ruta" target="_blank" rel="noopener" aria-label="Threads">' + icon.threads + '</a></li>' +
			'</ul></div>' +
		'</div>' +
		'<div class="ftr-bottom">© 2016–2025 MB „Rūtos kava“ · įmonės kodas 305612347 · Svetainė sukurta su meile kavai</div>';

	function fill(data) {
		var tel = footer.querySelector('[data-k="tel"]');
		var mail = footer.querySelector('[data-k="email"]');
		tel.classList.remove('is-loading');
		tel.innerHTML = 'Tel. <a href="tel:' + data.telefonas_href + '">' + data.telefonas + '</a>';
		mail.innerHTML = 'El. p. <a href="mailto:' + data.el_pastas + '">' + data.el_pastas + '</a>';
	}

	window.addEventListener('load', function () {
		setTimeout(function () {
			fetch('/data/kontaktai.json', {cache: 'no-store'})
				.then(function (r) { return r.json(); })
				.then(fill)
				.catch(function () { footer.querySelector('[data-k="tel"]').textContent = ''; });
		}, 300);
	});
})();
