// Behaviour for server-rendered pages. The Content-Security-Policy allows no inline script, so handlers live here.
document.addEventListener('click', e => {
  if (e.target instanceof Element && e.target.closest('[data-action=print]')) {
    window.print();
  }
});

