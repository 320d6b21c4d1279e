// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';

  // The page's language, as the server wrote it; its dates, numbers and the few words this script writes follow it.
  var lang = document.documentElement.lang || 'en';
  var INTL_TAGS = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES', ar: 'ar' };
  var tag = INTL_TAGS[lang] || lang;
  var WORDS = {
    en: { copy: 'Copy', copied: 'Copied.', copyByHand: 'Select the link and copy it.' },
    fr: { copy: 'Copier', copied: 'Copié.', copyByHand: 'Sélectionnez le lien et copiez-le.' },
    es: { copy: 'Copiar', copied: 'Copiado.', copyByHand: 'Seleccione el enlace y cópielo.' },
    ar: { copy: 'نسخ', copied: 'تم النسخ.', copyByHand: 'حدِّد الرابط وانسخه.' },
  };
  var words = WORDS[lang] || WORDS.en;

  // Times arrive in UTC, labelled so; shown here in the reader's own time zone.
  var format = new Intl.DateTimeFormat(tag, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  document.querySelectorAll('time[data-local]').forEach(function (el) {
    var at = new Date(el.getAttribute('datetime'));
    if (isNaN(at.getTime())) return;
    el.title = el.textContent;
    el.textContent = format.format(at);
  });

  // Sortable tables: each header marked data-sort becomes a button; cells sort by data-value, else their text,
  // in the page's language's alphabetical order.
  var collator = new Intl.Collator(tag, { sensitivity: 'base' });
  function value(row, index, numeric) {
    var cell = row.cells[index];
    var raw = cell.hasAttribute('data-value') ? cell.getAttribute('data-value') : cell.textContent.trim();
    return numeric ? Number(raw) : raw;
  }
  document.querySelectorAll('table[data-sortable]').forEach(function (table) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var body = table.tBodies[0];
    headers.forEach(function (th, index) {
      var kind = th.getAttribute('data-sort');
      if (!kind) return;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort-button';
      while (th.firstChild) button.appendChild(th.firstChild);
      var icon = document.createElement('span');
      icon.className = 'sort-icon';
      icon.setAttribute('aria-hidden', 'true');
      button.appendChild(icon);
      th.appendChild(button);
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        var numeric = kind === 'number';
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = value(a, index, numeric);
          var y = value(b, index, numeric);
          var order = numeric ? x - y : collator.compare(x, y);
          if (order === 0) order = collator.compare(value(a, 0, false), value(b, 0, false)) || 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) {
          body.appendChild(row);
        });
        headers.forEach(function (other) {
          other.removeAttribute('aria-sort');
        });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      });
    });
  });

  // After a refused form, take the reader to what needs correcting; once loaded, since the browser's own move
  // to the form's #fragment would take the focus back.
  var summary = document.querySelector('.error-summary');
  if (summary) {
    window.addEventListener('load', function () {
      setTimeout(function () {
        summary.focus();
      }, 0);
    });
  }

  // Search as you type for the action form's contact field: names matching what is typed are added to the
  // select, and the first new one is picked; without this script the Find button does the same as a search step.
  document.querySelectorAll('input[data-suggest]').forEach(function (input) {
    var select = document.getElementById(input.getAttribute('data-suggest'));
    if (!select) return;
    var timer;
    var asked = 0;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (q === '') return;
        var ask = ++asked;
        fetch('/contacts/suggest?q=' + encodeURIComponent(q), { credentials: 'same-origin' })
          .then(function (res) {
            return res.ok ? res.json() : [];
          })
          .then(function (found) {
            if (ask !== asked) return;
            found.forEach(function (c) {
              if (select.querySelector('option[value="' + c.id + '"]')) return;
              var option = document.createElement('option');
              option.value = c.id;
              option.textContent = c.label;
              select.insertBefore(option, select.firstChild);
            });
          })
          .catch(function () {});
      }, 150);
    });
  });

  // A fresh follow-up form takes the reader's own time zone, when the list has it; the choice stays theirs.
  var ownZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  document.querySelectorAll('select[data-browser-time-zone]').forEach(function (select) {
    if (ownZone && select.querySelector('option[value="' + ownZone.replace(/"/g, '') + '"]')) select.value = ownZone;
  });

  // A read-only field to copy from (the calendar link) gains a Copy button.
  document.querySelectorAll('input[data-copy]').forEach(function (input) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button-small button-secondary copy-button';
    button.textContent = words.copy;
    var status = document.createElement('span');
    status.className = 'copy-status';
    status.setAttribute('role', 'status');
    input.insertAdjacentElement('afterend', button);
    button.insertAdjacentElement('afterend', status);
    button.addEventListener('click', function () {
      input.select();
      var done = function () {
        status.textContent = words.copied;
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(input.value).then(done, function () {
          status.textContent = document.execCommand('copy') ? words.copied : words.copyByHand;
        });
      } else {
        status.textContent = document.execCommand('copy') ? words.copied : words.copyByHand;
      }
    });
  });

  // The import page: a chosen CSV file's text goes into the box the form sends (it works by pasting without this).
  document.querySelectorAll('[data-csv-file]').forEach(function (field) {
    var input = field.querySelector('input[type="file"]');
    var box = document.getElementById('import-csv');
    if (!input || !box || typeof FileReader === 'undefined') return;
    field.hidden = false;
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        box.value = String(reader.result).replace(/^\uFEFF/, '');
      };
      reader.readAsText(file, 'utf-8');
    });
  });
})();
