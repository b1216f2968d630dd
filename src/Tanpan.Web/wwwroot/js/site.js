// Behaviour for server-rendered pages. The Content-Security-Policy allows no inline script, so handlers live here.
document.addEventListener('click', e => {
  if (e.target instanceof Element && e.target.closest('[data-action=print]')) {
    window.print();
  }
});


// Irreversible actions ask first: a form, or the button that submits it, names its question in data-confirm
// (issuing a certificate freezes it; approving locks the inventory; revoking a key stops the systems using it).
document.addEventListener('submit', e => {
  const form = e.target;
  const button = e.submitter;
  const question = (button instanceof HTMLElement && button.dataset.confirm) || (form instanceof HTMLElement && form.dataset.confirm);
  if (question && !window.confirm(question)) {
    e.preventDefault();
  }
});
