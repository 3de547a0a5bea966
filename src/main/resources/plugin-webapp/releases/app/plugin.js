// Cockpit's "Releases" plugin (io.deploychecklist.cockpit.ReleasesPlugin): the Releases dashboard and
// the Checklist of a release. Plain script, no build step: every value is put into the page as text,
// never as HTML. The data comes from the plugin's own resource, which decides who may read it.

const PLUGIN = 'releases';
const COLOURS = {PASS: '#1a7f37', FAIL: '#b00020', SKIPPED: '#9a6700', DONE: '#1a7f37', OPEN: '#0b5cad',
  BLOCKED: '#b00020', STOPPED: '#b00020', WAIVED: '#9a6700', NOT_STARTED: '#666', TICKED: '#1a7f37',
  NOT_TICKED: '#b00020', AUTOMATED: '#1a7f37', RELEASED: '#1a7f37', ROLLED_BACK: '#b00020', ABORTED: '#9a6700'};

function el(tag, attributes, ...children) {
  const element = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (name === 'style') element.style.cssText = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== null) element.setAttribute(name, value);
  });
  children.flat().forEach(child => {
    if (child !== undefined && child !== null) element.append(child instanceof Node ? child : String(child));
  });
  return element;
}

function base(api) {
  return `${api.cockpitApi}/plugin/${PLUGIN}/${api.engine}`;
}

async function load(api, path) {
  const response = await fetch(base(api) + path,
    {credentials: 'same-origin', headers: {Accept: 'application/json', 'X-XSRF-TOKEN': api.CSRFToken}});
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.message || `HTTP ${response.status}`);
  return body;
}

const when = instant => instant ? instant.slice(0, 16).replace('T', ' ') + ' UTC' : '';
const words = value => value ? String(value).toLowerCase().replace(/_/g, ' ') : '';
const badge = (value, text) => el('span', {class: `release-badge ${value}`,
  style: `color:#fff;background:${COLOURS[value] || '#666'};border-radius:3px;padding:1px 6px;white-space:nowrap`},
  text || words(value));
const number = (value, digits) => value === null || value === undefined ? 'n/a' : Number(value).toFixed(digits);

function age(minutes) {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${Math.floor(minutes / 1440)} d ${Math.floor(minutes % 1440 / 60)} h`;
}

function table(className, headings, rows) {
  return el('table', {class: `table table-condensed ${className}`},
    el('thead', {}, el('tr', {}, headings.map(heading => el('th', {}, heading)))),
    el('tbody', {}, rows));
}

function failure(node, error) {
  node.replaceChildren(el('div', {class: 'alert alert-danger release-error'}, error.message));
}

// ---- the Releases dashboard

function delivery(figures) {
  const facts = [
    ['Deployments', `${figures.released} (${number(figures.releasesPerWeek, 1)} per week)`],
    ['Lead time (median)', `${number(figures.medianLeadTimeHours, 1)} h`],
    ['Change failure rate', figures.changeFailureRate === null ? 'n/a' : `${number(figures.changeFailureRate * 100, 0)} %`
      + ` (${figures.rolledBack} rolled back)`],
    ['Time to restore (median)', `${number(figures.medianTimeToRestoreMinutes, 0)} min`]];
  return el('div', {class: 'release-delivery', style: 'margin:8px 0'},
    el('strong', {}, `Delivery, ${when(figures.from).slice(0, 10)} to ${when(figures.to).slice(0, 10)}: `),
    facts.map(([label, value]) => el('span', {style: 'margin-right:18px', 'data-figure': label}, `${label}: `,
      el('b', {}, value))));
}

function releaseRow(release) {
  const target = release.running ? `#/process-instance/${release.processInstanceId}/runtime?tab=release-checklist`
    : `#/releases/${encodeURIComponent(release.version)}`;
  const checks = ['PASS', 'FAIL', 'SKIPPED'].map(status =>
    el('span', {class: `checks-${status}`, style: `color:${COLOURS[status]};margin-right:8px`},
      `${release.checks[status]} ${status}`));
  return el('tr', {'data-version': release.version},
    el('td', {class: 'version'}, el('a', {href: target}, release.version)),
    el('td', {class: 'environment'}, release.environment),
    el('td', {class: 'method'}, release.deploymentMethod),
    el('td', {class: 'started'}, when(release.startedAt), el('br'), `by ${release.startedBy || 'unknown'}`),
    el('td', {class: 'phase'}, release.phase || (release.endedAt ? `ended ${when(release.endedAt)}` : ''),
      release.waiting.map(step => el('div', {class: 'waiting', style: 'font-size:90%;color:#444'},
        `${step.name} (${step.group || 'no group'}${step.assignee ? ', ' + step.assignee : ''}), waiting ${age(step.ageMinutes)}`))),
    el('td', {class: 'checks'}, checks),
    el('td', {class: 'incidents', style: release.openIncidents ? 'color:#b00020;font-weight:bold' : ''},
      release.openIncidents),
    el('td', {class: 'outcome'}, release.outcome ? badge(release.outcome) : 'running'));
}

function dashboard(node, api) {
  let filter = 'all';
  let shown = [];
  const content = el('div', {class: 'releases-content'});
  const buttons = ['all', 'running', 'ended'].map(name => el('button', {type: 'button',
    class: 'btn btn-default btn-sm release-filter', 'data-filter': name,
    onclick: () => { filter = name; shown = []; show(); }}, name));

  async function show() {
    buttons.forEach(button => button.classList.toggle('active', button.dataset.filter === filter));
    try {
      const page = await load(api, `/releases?state=${filter}&firstResult=${shown.length}`);
      shown = shown.concat(page.releases);
      const more = shown.length < page.total ? el('button', {type: 'button', class: 'btn btn-link release-more',
        onclick: show}, `${page.total - shown.length} more`) : null;
      content.replaceChildren(delivery(page.delivery),
        el('div', {class: 'release-count'}, `${page.total} ${filter === 'all' ? '' : filter + ' '}releases, newest first`),
        table('releases-dashboard', ['Version', 'Environment', 'Method', 'Started', 'Phase and steps waiting',
          'Checks', 'Open incidents', 'Outcome'], shown.map(releaseRow)),
        more || '');
    } catch (error) {
      failure(content, error);
    }
  }

  node.replaceChildren(el('section', {class: 'releases-plugin'},
    el('h3', {}, 'Releases ', el('span', {class: 'btn-group'}, buttons)), content));
  show();
}

// ---- the Checklist of a release

// Item states with a colour of their own; the others are grey.
const COLOURED_ITEMS = ['TICKED', 'NOT_TICKED', 'WAIVED', 'BLOCKED', 'STOPPED'];

function section(part) {
  const items = part.items.map(item => el('tr', {class: `item ${item.state}`},
    el('td', {style: item.group ? 'padding-left:18px' : 'font-weight:bold'}, item.item),
    el('td', {}, badge(COLOURED_ITEMS.includes(item.state) ? item.state : 'NOT_STARTED',
      words(item.state))),
    el('td', {}, item.by || ''), el('td', {}, when(item.at)), el('td', {}, item.note || '')));
  return el('tr', {class: 'section', 'data-section': part.name},
    el('td', {}, el('details', {}, el('summary', {}, part.name),
      el('table', {class: 'table table-condensed section-items'}, el('tbody', {}, items)))),
    el('td', {class: 'state'}, badge(part.state)),
    el('td', {class: 'by'}, part.by || ''), el('td', {class: 'at'}, when(part.at)),
    el('td', {class: 'ticked'}, `${part.ticked} of ${part.applicable} ticked`
      + (part.notTicked ? `, ${part.notTicked} not ticked` : '')
      + (part.waived ? `, ${part.waived} waived with a blocker` : '')
      + (part.blocked ? `, ${part.blocked} blocked` : '')
      + (part.stopped ? `, ${part.stopped} stopped by a blocker` : '')));
}

function checklist(node, api, locate) {
  node.replaceChildren(el('div', {class: 'release-checklist'}, 'Loading the checklist...'));
  load(api, locate).then(release => {
    const report = `${base(api)}/releases/${encodeURIComponent(release.version)}/report`;
    const rollback = release.rollback ? el('div', {class: 'alert alert-warning release-rollback'},
      el('strong', {}, `Rolled back: ${release.rollback.trigger || 'rollback'}`),
      release.rollback.reason ? ` (${release.rollback.reason})` : '',
      release.rollback.requestedBy ? `, requested by ${release.rollback.requestedBy} ${when(release.rollback.requestedAt)}` : '',
      release.rollback.startedAt ? `; rollback plan ${when(release.rollback.startedAt)} to ${when(release.rollback.endedAt) || 'now'}` : '') : '';
    node.replaceChildren(el('div', {class: 'release-checklist', style: 'padding:8px'},
      el('h4', {}, `Release ${release.version}`, ' ',
        release.outcome ? badge(release.outcome) : badge('OPEN', words(release.state))),
      el('p', {}, `${release.environment || ''}, ${release.deploymentMethod || ''}; started ${when(release.startedAt)} by ${release.startedBy || 'unknown'}`,
        release.endedAt ? `, ended ${when(release.endedAt)}` : '', ' | ',
        el('a', {href: report, target: '_blank', class: 'release-report-link'}, 'Printable report'),
        release.edits ? el('span', {style: 'color:#b00020;margin-left:12px'},
          `${release.edits} variable(s) changed by hand afterwards: see the report`) : ''),
      rollback,
      release.blockers.map(blocker => el('div', {class: 'alert alert-danger release-blocker', style: 'padding:6px'},
        el('strong', {}, `${blocker.section}: `), blocker.description,
        ` (reported by ${blocker.reportedBy || 'unknown'} ${when(blocker.reportedAt)}) `,
        !blocker.resolvedAt ? 'waiting for the deployment managers'
          // Ended without a decision: something else (an abort elsewhere, a rollback) ended the step first.
          : !blocker.decision ? 'not decided: the release left this step before the deployment managers did'
          : `${blocker.decision} by ${blocker.decidedBy || 'unknown'}: ${blocker.reason || ''}`
            + (blocker.waiverApproval === 'approve'
              ? `; waiver approved by ${blocker.waiverDecidedBy || 'unknown'} ${when(blocker.waiverDecidedAt)}` : ''))),
      table('release-sections', ['Section', 'State', 'Completed by', 'When', 'Items'], release.sections.map(section)),
      el('h4', {}, 'Automated checks'),
      table('release-checks', ['Check', 'Status', 'Observed', 'Threshold', 'Checked', 'Phase'],
        release.checks.map(check => el('tr', {'data-check': check.name},
          el('td', {}, check.name), el('td', {class: 'status'}, badge(check.status, check.status || 'no evidence')),
          el('td', {class: 'observed'}, check.observed || '', check.status !== 'PASS' && check.detail
            ? el('div', {style: 'font-size:90%;color:#555'}, check.detail) : ''),
          el('td', {class: 'threshold'}, check.threshold || ''),
          el('td', {}, when(check.checkedAt)), el('td', {}, check.phase || '')))),
      el('h4', {}, 'Sign-offs'),
      table('release-sign-offs', ['Role', 'State', 'By', 'When'], release.signOffs.map(signOff => el('tr', {},
        el('td', {}, signOff.role), el('td', {}, signOff.state), el('td', {}, signOff.by || ''), el('td', {}, when(signOff.at)))))));
  }).catch(error => failure(node, error));
}

export default [
  {
    id: 'releases-dashboard',
    pluginPoint: 'cockpit.dashboard',
    priority: 20,
    render: (node, {api}) => dashboard(node, api)
  },
  {
    id: 'release-checklist',
    pluginPoint: 'cockpit.processInstance.runtime.tab',
    priority: 20,
    properties: {label: 'Checklist'},
    render: (node, {api, processInstanceId}) => checklist(node, api, `/process-instance/${processInstanceId}/checklist`)
  },
  {
    // Cockpit's history view of an instance (Camunda's enterprise edition) shows the same tab.
    id: 'release-checklist-history',
    pluginPoint: 'cockpit.processInstance.history.tab',
    priority: 20,
    properties: {label: 'Checklist'},
    render: (node, {api, processInstanceId}) => checklist(node, api, `/process-instance/${processInstanceId}/checklist`)
  },
  {
    // An ended release has no runtime view in Cockpit: the dashboard links here instead.
    id: 'release-checklist-page',
    pluginPoint: 'cockpit.route',
    properties: {path: '/releases/:version'},
    render: (node, {api}) => {
      const version = decodeURIComponent(window.location.hash.replace(/^#\/releases\//, '').split(/[?/]/)[0]);
      checklist(node, api, `/releases/${encodeURIComponent(version)}/checklist`);
    }
  }
];
