"""The page's CSS and the one script: delegated clicks on citation chips and "Copy answer".

Why delegation: gradio 6 sanitizes chatbot messages and strips `on*` and `data-*`
attributes, so a chip cannot carry its own handler. The sources panel (a gr.HTML) runs
`SOURCES_JS` once when it mounts; it listens on the document for clicks on links whose
href is `#src-<answer id>-c<n>` / `-r<n>`, asks the server function `show_source` for that
paper's card (rendered and escaped in Python) and sets it as the panel's value. No
user-controlled text is ever evaluated: the key is parsed server-side against a regex.
"""

SOURCES_JS = r"""
window.__paperqa = { props: props, server: server, element: element };
if (!window.__paperqaBound) {
  window.__paperqaBound = true;
  const copyText = async (text) => {
    try {
      if (navigator.clipboard && window.isSecureContext) { await navigator.clipboard.writeText(text); return true; }
    } catch (e) { /* fall through to the textarea way */ }
    const area = document.createElement('textarea');
    area.value = text; area.setAttribute('readonly', ''); area.style.position = 'fixed'; area.style.left = '-9999px';
    document.body.appendChild(area); area.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    area.remove();
    return ok;
  };
  document.addEventListener('click', async (event) => {
    const link = event.target.closest ? event.target.closest('a[href^="#src-"], a[href="#copy"]') : null;
    if (!link) return;
    event.preventDefault();
    const href = link.getAttribute('href');
    if (href === '#copy') {
      const plain = link.closest('.qa-msg') && link.closest('.qa-msg').querySelector('.qa-plain');
      const ok = plain ? await copyText(plain.textContent) : false;
      link.textContent = ok ? 'Copied' : 'Copy failed';
      setTimeout(() => { link.textContent = 'Copy answer'; }, 1500);
      return;
    }
    const app = window.__paperqa;
    document.querySelectorAll('.qa-selected').forEach((el) => el.classList.remove('qa-selected'));
    link.classList.add('qa-selected');
    app.element.classList.add('src-loading');
    try {
      const html = await app.server.show_source(href.slice(5));
      if (typeof html === 'string' && html) app.props.value = html;
    } finally {
      app.element.classList.remove('src-loading');
    }
    setTimeout(() => {
      const card = app.element.querySelector('.src-card.active');
      if (card) card.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    }, 80);
  });
}
"""

CSS = r"""
.gradio-container { max-width: 1400px !important; }
#qa-header .qa-header { display: flex; align-items: center; justify-content: space-between; gap: 16px; padding: 4px 2px 2px; }
.qa-title { font-size: 1.45rem; font-weight: 700; letter-spacing: -0.01em; }
.qa-subtitle { color: var(--body-text-color-subdued); font-size: 0.92rem; margin-top: 2px; }
.qa-count { white-space: nowrap; font-size: 0.85rem; font-weight: 600; padding: 4px 12px; border-radius: 999px;
  background: rgba(79, 70, 229, 0.1); color: #4338ca; border: 1px solid rgba(79, 70, 229, 0.25); }
.dark .qa-count { color: #c7d2fe; }
.qa-count-unknown { background: rgba(220, 38, 38, 0.1); color: #b91c1c; border-color: rgba(220, 38, 38, 0.3); }

/* -- chat messages ------------------------------------------------------------------- */
#qa-chat .message-content { line-height: 1.55; }
.qa-user { white-space: normal; overflow-wrap: anywhere; }
.qa-msg { display: flex; flex-direction: column; gap: 10px; overflow-wrap: anywhere; }
.qa-body { line-height: 1.6; }
.qa-muted { color: var(--body-text-color-subdued); }
.qa-label { font-size: 0.72rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em;
  color: var(--body-text-color-subdued); margin-bottom: -4px; }
.qa-label-note { font-weight: 500; text-transform: none; letter-spacing: 0; margin-left: 4px; }
.qa-status { display: flex; align-items: center; gap: 10px; font-size: 0.9rem; color: #4338ca; }
.dark .qa-status { color: #a5b4fc; }
.qa-spinner { width: 14px; height: 14px; flex: none; border-radius: 50%; border: 2px solid rgba(79, 70, 229, 0.25);
  border-top-color: #4f46e5; animation: qa-spin 0.8s linear infinite; }
@keyframes qa-spin { to { transform: rotate(360deg); } }
.qa-caret { display: inline-block; width: 7px; height: 1em; margin-left: 2px; vertical-align: text-bottom;
  background: #4f46e5; animation: qa-blink 1s steps(2) infinite; }
@keyframes qa-blink { 50% { opacity: 0; } }
.qa-stream { padding: 8px 12px; border-radius: 8px; background: rgba(79, 70, 229, 0.05); border: 1px dashed rgba(79, 70, 229, 0.35); }
.qa-stream-wait { padding: 8px 12px; border-radius: 8px; border: 1px dashed rgba(79, 70, 229, 0.35); }
.qa-draft { padding: 8px 12px; border-radius: 8px; border-left: 3px solid rgba(100, 116, 139, 0.45);
  background: rgba(100, 116, 139, 0.06); font-size: 0.93rem; }
.qa-draft .qa-foot { display: none; }

/* citation chips: the brackets stay in the text (copy, screen readers) but take no room */
.qa-cite { display: inline-block; min-width: 1.45em; padding: 0 5px; margin: 0 1px; border-radius: 6px; text-align: center;
  font-size: 0.74em; font-weight: 700; line-height: 1.55; vertical-align: 0.2em; text-decoration: none !important;
  background: rgba(79, 70, 229, 0.12); color: #4338ca !important; border: 1px solid rgba(79, 70, 229, 0.3); cursor: pointer; }
.dark .qa-cite { color: #c7d2fe !important; }
.qa-cite:hover, .qa-cite:focus-visible, .qa-cite.qa-selected { background: #4f46e5; color: #fff !important; border-color: #4f46e5; }
.qa-br { font-size: 0; }
.qa-cite-unsupported { background: rgba(217, 119, 6, 0.14); color: #b45309 !important; border: 1px dashed #d97706;
  text-decoration: line-through !important; }
.qa-cite-unsupported:hover, .qa-cite-unsupported.qa-selected { background: #d97706; color: #fff !important; }
.qa-cite-struck { background: rgba(100, 116, 139, 0.10); color: #64748b !important; border: 1px dashed #94a3b8; font-weight: 500;
  text-decoration: line-through !important; cursor: help; }
.qa-cite-pending, .qa-cite-missing { background: rgba(100, 116, 139, 0.12); color: var(--body-text-color-subdued) !important;
  border-color: rgba(100, 116, 139, 0.3); cursor: default; }
.qa-cite-pending .qa-br, .qa-cite-missing .qa-br { font-size: inherit; }
.qa-unsupported-sentence { text-decoration: underline wavy #d97706; text-underline-offset: 3px; }
.qa-warn { font-size: 0.85rem; color: #b45309; }

.qa-refs { list-style: none; margin: 0 !important; padding: 8px 0 0 !important; border-top: 1px solid var(--border-color-primary);
  display: flex; flex-direction: column; gap: 4px; }
.qa-refs li { margin: 0 !important; padding: 0 !important; font-size: 0.88rem; }
.qa-ref { display: inline-flex; gap: 8px; align-items: baseline; text-decoration: none !important; color: inherit !important; }
.qa-ref:hover .qa-ref-title, .qa-ref.qa-selected .qa-ref-title { text-decoration: underline; color: #4338ca; }
.qa-ref-n { flex: none; min-width: 1.5em; text-align: center; font-size: 0.75rem; font-weight: 700; border-radius: 6px;
  background: rgba(79, 70, 229, 0.12); color: #4338ca; }
.dark .qa-ref-n { color: #c7d2fe; }
.qa-ref-unsupported .qa-ref-n { background: rgba(217, 119, 6, 0.14); color: #b45309; text-decoration: line-through; }
.qa-ref-year { color: var(--body-text-color-subdued); font-size: 0.82rem; white-space: nowrap; }
.qa-ref-warn { font-size: 0.75rem; font-weight: 600; color: #b45309; margin-left: 6px; }
.qa-more summary { cursor: pointer; font-size: 0.85rem; color: var(--body-text-color-subdued); }
.qa-leads { margin: 4px 0 0 !important; padding-left: 18px !important; font-size: 0.88rem; }
.qa-leads li { margin: 2px 0 !important; }
.qa-lead { color: #4338ca !important; text-decoration: none !important; }
.dark .qa-lead { color: #a5b4fc !important; }
.qa-lead:hover, .qa-lead.qa-selected { text-decoration: underline !important; }
.qa-foot { display: flex; justify-content: space-between; gap: 12px; flex-wrap: wrap; font-size: 0.76rem;
  color: var(--body-text-color-subdued); }
.qa-copy { color: #4338ca !important; font-weight: 600; text-decoration: none !important; }
.dark .qa-copy { color: #a5b4fc !important; }
.qa-copy:hover { text-decoration: underline !important; }

.qa-notice { display: flex; gap: 10px; align-items: flex-start; padding: 8px 12px; border-radius: 8px; font-size: 0.9rem;
  background: rgba(245, 158, 11, 0.12); border: 1px solid rgba(217, 119, 6, 0.45); color: #92400e; }
.dark .qa-notice { color: #fcd34d; }
.qa-notice-icon { flex: none; width: 20px; height: 20px; border-radius: 50%; background: #d97706; color: #fff;
  font-weight: 800; text-align: center; line-height: 20px; font-size: 0.8rem; }
.qa-abstain-head { display: flex; gap: 10px; align-items: center; font-weight: 700; font-size: 1rem; }
.qa-abstain-icon { flex: none; width: 24px; height: 24px; border-radius: 50%; background: rgba(100, 116, 139, 0.2);
  text-align: center; line-height: 24px; font-weight: 700; }
.qa-error { padding: 8px 12px; border-radius: 8px; background: rgba(220, 38, 38, 0.08); border: 1px solid rgba(220, 38, 38, 0.4); }
.qa-error-head { font-weight: 700; color: #b91c1c; }
.qa-hint { font-size: 0.88rem; color: var(--body-text-color-subdued); margin-top: 4px; }
.qa-ex-title { font-weight: 600; }
.qa-ex-title::after { content: " —"; font-weight: 400; color: var(--body-text-color-subdued); }
.dark .qa-error-head { color: #fca5a5; }

/* -- shaped answers: the fact first, one line per paper with its name in bold ------------ */
.qa-shaped > .qa-body { display: flex; flex-direction: column; gap: 8px; }
.qa-fact { font-size: 1.22rem; font-weight: 700; line-height: 1.4; letter-spacing: -0.005em; }
.qa-fact .qa-cite { font-size: 0.62em; }
.qa-lead-line { font-weight: 600; }
.qa-items { list-style: none; margin: 0 !important; padding: 0 !important; display: flex; flex-direction: column; gap: 6px; }
.qa-items > li.qa-item { margin: 0 !important; padding: 0 0 0 16px !important; position: relative; line-height: 1.5; }
.qa-items > li.qa-item::before { content: ""; position: absolute; left: 3px; top: 0.62em; width: 6px; height: 6px;
  border-radius: 50%; background: rgba(79, 70, 229, 0.55); }
.qa-name { font-weight: 700; }
.qa-name + .qa-cite, .qa-fact .qa-cite { margin-left: 3px; }
.qa-diff { padding: 6px 10px; border-left: 3px solid rgba(79, 70, 229, 0.5); background: rgba(79, 70, 229, 0.05);
  border-radius: 0 6px 6px 0; }
.qa-evidence { color: var(--body-text-color); }
.qa-not-stated { padding: 8px 12px; border-radius: 8px; background: rgba(100, 116, 139, 0.1); border: 1px solid rgba(100, 116, 139, 0.3); }
.qa-unstated { padding: 6px 10px; border-radius: 8px; background: rgba(100, 116, 139, 0.08); color: var(--body-text-color-subdued, #475569); }
.qa-shaped .qa-label { margin-top: 2px; margin-bottom: -6px; }
.qa-related { font-size: 0.86rem; }
.qa-shaped .qa-unsupported-sentence { text-decoration: none; border-bottom: 1px dashed #d97706; }

/* -- sources panel --------------------------------------------------------------------- */
#qa-sources { position: sticky; top: 12px; }
#qa-sources.src-loading { opacity: 0.6; transition: opacity 0.15s; }
.src-panel { display: flex; flex-direction: column; gap: 10px; padding: 14px; border-radius: 12px;
  border: 1px solid var(--border-color-primary); background: var(--block-background-fill); max-height: 78vh; overflow-y: auto; }
.src-head { display: flex; flex-direction: column; gap: 2px; }
.src-h { font-size: 0.78rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em; color: var(--body-text-color-subdued); }
.src-q { font-weight: 600; font-size: 0.95rem; }
.src-note { font-size: 0.9rem; color: var(--body-text-color-subdued); line-height: 1.5; }
.src-card { border: 1px solid var(--border-color-primary); border-radius: 10px; padding: 8px 12px; background: var(--background-fill-primary); }
.src-card.active { border-color: #4f46e5; box-shadow: 0 0 0 3px rgba(79, 70, 229, 0.12); }
.src-card.unsupported { border-color: #d97706; }
.src-card summary { cursor: pointer; display: flex; gap: 8px; align-items: baseline; list-style: none; }
.src-card summary::-webkit-details-marker { display: none; }
.src-label { flex: none; min-width: 1.6em; text-align: center; font-size: 0.75rem; font-weight: 700; border-radius: 6px;
  padding: 0 4px; background: rgba(79, 70, 229, 0.12); color: #4338ca; }
.dark .src-label { color: #c7d2fe; }
.src-card.unsupported .src-label { background: rgba(217, 119, 6, 0.14); color: #b45309; text-decoration: line-through; }
.src-title { font-weight: 600; line-height: 1.35; }
.src-meta { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: center; margin: 8px 0 4px; font-size: 0.8rem;
  color: var(--body-text-color-subdued); }
.src-cat { display: inline-block; padding: 0 6px; margin-right: 4px; border-radius: 4px; background: rgba(100, 116, 139, 0.14); font-size: 0.74rem; }
.src-url { color: #4338ca !important; overflow-wrap: anywhere; }
.dark .src-url { color: #a5b4fc !important; }
.src-support { font-size: 0.78rem; color: #047857; margin: 4px 0; }
.dark .src-support { color: #6ee7b7; }
.src-support.src-unsupported { color: #b45309; font-weight: 600; }
.src-abstract { margin: 6px 0 2px !important; font-size: 0.88rem; line-height: 1.6; color: var(--body-text-color); }
.src-abstract mark, .src-quote mark { background: rgba(250, 204, 21, 0.45); color: inherit; padding: 1px 2px; border-radius: 3px;
  box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.src-quote { margin: 6px 0 !important; font-size: 0.88rem; }
.src-uncited > summary { cursor: pointer; font-size: 0.85rem; font-weight: 600; color: var(--body-text-color-subdued); margin: 4px 0; }
.src-uncited { display: flex; flex-direction: column; gap: 8px; }
.src-uncited .src-card { margin-top: 8px; }
.src-uncited .src-label { background: rgba(100, 116, 139, 0.14); color: var(--body-text-color-subdued); }
#qa-input textarea { font-size: 1rem; }
"""
