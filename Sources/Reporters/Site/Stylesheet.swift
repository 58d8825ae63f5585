/// The site's one stylesheet: readable at phone width, printable, no web fonts, no network.
enum Stylesheet {
  static let css = """
    :root { --fg: #111827; --muted: #4b5563; --line: #d1d5db; --bg-code: #f3f4f6;
      --pass: #15803d; --fail: #b91c1c; --error: #b45309; --skip: #6b7280; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    body { margin: 0; color: var(--fg); background: #fff;
      font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    header.site { border-bottom: 1px solid var(--line); padding: .5rem 1rem; background: #f9fafb; }
    header.site nav a { margin-right: 1rem; font-weight: 600; }
    main { max-width: 62rem; margin: 0 auto; padding: 1rem; }
    footer { max-width: 62rem; margin: 2rem auto; padding: 0 1rem; color: var(--muted); font-size: .875rem; }
    a { color: #1d4ed8; }
    h1 { font-size: 1.75rem; line-height: 1.25; }
    h2 { font-size: 1.35rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
    code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .875rem; }
    pre { background: var(--bg-code); padding: .75rem; overflow-x: auto; border-radius: 4px; }
    :not(pre) > code { background: var(--bg-code); padding: .1rem .25rem; border-radius: 3px; overflow-wrap: anywhere; }
    .table-wrap { overflow-x: auto; margin: 1rem 0; }
    table { border-collapse: collapse; }
    th, td { border: 1px solid var(--line); padding: .3rem .6rem; text-align: left; vertical-align: top; }
    th { background: #f9fafb; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    img, svg { max-width: 100%; height: auto; }
    .summary { display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; list-style: none; }
    .summary li { border: 1px solid var(--line); border-radius: 4px; padding: .3rem .7rem; }
    .badge { display: inline-block; margin: .5rem 0 0; font-weight: 600; font-size: .875rem; }
    .badge .where { font-weight: normal; color: var(--muted); }
    .status-pass, .status-xfail { color: var(--pass); }
    .status-fail, .status-xpass { color: var(--fail); }
    .status-error { color: var(--error); }
    .status-skipped, .status-not-run { color: var(--skip); }
    div.block { border-left: 4px solid var(--skip); padding-left: .75rem; margin: 1rem 0; }
    div.block.status-pass, div.block.status-xfail { border-color: var(--pass); }
    div.block.status-fail, div.block.status-xpass { border-color: var(--fail); }
    div.block.status-error { border-color: var(--error); }
    div.block pre { color: var(--fg); }
    .message { color: var(--fg); font-size: .9rem; white-space: pre-wrap; }
    .diff pre span { display: inline-block; min-width: 100%; }
    .diff .expected { background: #fee2e2; }
    .diff .actual { background: #dcfce7; }
    .diff-legend span { padding: 0 .3rem; font-family: ui-monospace, monospace; font-size: .8rem; }
    .tags span { display: inline-block; background: #eef2ff; border-radius: 3px; padding: 0 .35rem; margin: 0 .2rem .2rem 0;
      font-size: .8rem; }
    figure { margin: 1rem 0; overflow-x: auto; }
    figcaption { color: var(--muted); font-size: .875rem; }
    figure.tree img { max-width: none; }
    details summary { cursor: pointer; }
    .problem { border: 1px solid var(--fail); padding: .5rem .75rem; color: var(--fail); }
    @media (max-width: 40rem) {
      body { font-size: 15px; }
      main { padding: .6rem; }
      h1 { font-size: 1.4rem; }
      th, td { padding: .25rem .4rem; }
      .hide-narrow { display: none; }
    }
    @media print {
      header.site, .no-print { display: none; }
      body { font-size: 11pt; }
      main { max-width: none; padding: 0; }
      a { color: inherit; text-decoration: none; }
      pre, figure, div.block, table { break-inside: avoid; }
      pre { white-space: pre-wrap; overflow-wrap: anywhere; }
      h2, h3 { break-after: avoid; }
      .table-wrap, figure { overflow: visible; }
      figure.tree img { max-width: 100%; }
    }

    """
}
