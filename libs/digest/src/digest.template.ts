/**
 * The digest's HTML, an Eta template over `DigestView` (escaped output by default). Mail clients ignore
 * style sheets and scripts, so everything is laid out with tables and inline styles; the chart is table
 * cells with a height and a background, no image.
 */
export const DIGEST_TEMPLATE = `<!doctype html>
<html lang="<%= it.layout.lang %>"<% if (it.layout.dir === 'rtl') { %> dir="rtl"<% } %>>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><%= it.subject %></title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6">
<tr><td align="center" style="padding:16px 8px">
<table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0" style="width:640px;max-width:100%;background:#ffffff;border:1px solid #e5e7eb;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#1f2937">
<tr><td style="padding:20px 24px 8px">
<h1 style="margin:0 0 4px;font-size:20px;line-height:26px;color:#111827"><%= it.title %></h1>
<p style="margin:0;color:#6b7280;font-size:13px"><%= it.subtitle %></p>
<% if (it.inProgressNote) { %><p style="margin:8px 0 0;padding:6px 10px;background:#fef3c7;color:#92400e;font-size:13px"><%= it.inProgressNote %></p><% } %>
<% if (it.quietLine) { %><p style="margin:16px 0 0;padding:10px 12px;background:#f9fafb;border-<%= it.layout.start %>:3px solid #9ca3af"><%= it.quietLine %></p><% } %>
</td></tr>

<tr><td style="padding:8px 24px">
<h2 style="margin:12px 0 8px;font-size:16px;color:#111827"><%= it.layout.h.treatyStatus %></h2>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse">
<tr>
<th align="<%= it.layout.start %>" style="padding:<%= it.layout.dir === 'rtl' ? '4px 0 4px 8px' : '4px 8px 4px 0' %>;border-bottom:2px solid #d1d5db;font-size:12px;color:#6b7280"><%= it.layout.col.instrument %></th>
<th align="<%= it.layout.end %>" style="padding:4px 8px;border-bottom:2px solid #d1d5db;font-size:12px;color:#6b7280"><%= it.layout.col.statesParties %></th>
<th align="<%= it.layout.end %>" style="padding:<%= it.layout.dir === 'rtl' ? '4px 8px 4px 0' : '4px 0 4px 8px' %>;border-bottom:2px solid #d1d5db;font-size:12px;color:#6b7280"><%= it.layout.col.thisWeek %></th>
</tr>
<% it.instruments.forEach(function (row) { %>
<tr>
<td style="padding:<%= it.layout.dir === 'rtl' ? '4px 0 4px 8px' : '4px 8px 4px 0' %>;border-bottom:1px solid #e5e7eb"><%= row.name %></td>
<td align="<%= it.layout.end %>" style="padding:4px 8px;border-bottom:1px solid #e5e7eb;font-weight:bold"><%= it.n(row.parties) %></td>
<td align="<%= it.layout.end %>" style="padding:<%= it.layout.dir === 'rtl' ? '4px 8px 4px 0' : '4px 0 4px 8px' %>;border-bottom:1px solid #e5e7eb;color:<%= row.changeColor %>"><%= row.change %></td>
</tr>
<% }) %>
</table>
<% if (it.statusChanges.length) { %>
<ul style="margin:8px 0 0;padding-<%= it.layout.start %>:20px">
<% it.statusChanges.forEach(function (line) { %><li style="margin:2px 0"><%= line %></li><% }) %>
</ul>
<% } %>
</td></tr>

<tr><td style="padding:8px 24px">
<h2 style="margin:12px 0 8px;font-size:16px;color:#111827"><%= it.layout.h.pendingWithdrawals %></h2>
<% if (it.pendingWithdrawals.length) { %>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse">
<tr>
<th align="<%= it.layout.start %>" style="padding:<%= it.layout.dir === 'rtl' ? '4px 0 4px 8px' : '4px 8px 4px 0' %>;border-bottom:2px solid #d1d5db;font-size:12px;color:#6b7280"><%= it.layout.col.state %></th>
<th align="<%= it.layout.start %>" style="padding:4px 8px;border-bottom:2px solid #d1d5db;font-size:12px;color:#6b7280"><%= it.layout.col.instrument %></th>
<th align="<%= it.layout.start %>" style="padding:4px 8px;border-bottom:2px solid #d1d5db;font-size:12px;color:#6b7280"><%= it.layout.col.notified %></th>
<th align="<%= it.layout.start %>" style="padding:<%= it.layout.dir === 'rtl' ? '4px 8px 4px 0' : '4px 0 4px 8px' %>;border-bottom:2px solid #d1d5db;font-size:12px;color:#6b7280"><%= it.layout.col.takesEffect %></th>
</tr>
<% it.pendingWithdrawals.forEach(function (w) { %>
<tr>
<td style="padding:<%= it.layout.dir === 'rtl' ? '4px 0 4px 8px' : '4px 8px 4px 0' %>;border-bottom:1px solid #e5e7eb"><%= w.state %></td>
<td style="padding:4px 8px;border-bottom:1px solid #e5e7eb"><%= w.instrument %></td>
<td style="padding:4px 8px;border-bottom:1px solid #e5e7eb"><%= w.notified %></td>
<td style="padding:<%= it.layout.dir === 'rtl' ? '4px 8px 4px 0' : '4px 0 4px 8px' %>;border-bottom:1px solid #e5e7eb;font-weight:bold"><%= w.effective %></td>
</tr>
<% }) %>
</table>
<% } else { %><p style="margin:0;color:#4b5563"><%= it.noWithdrawalsLine %></p><% } %>
</td></tr>

<% if (!it.quietLine) { %>
<tr><td style="padding:8px 24px">
<h2 style="margin:12px 0 8px;font-size:16px;color:#111827"><%= it.layout.h.treatyEvents %></h2>
<% if (it.treatyEvents.length) { %>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse">
<% it.treatyEvents.forEach(function (e) { %>
<tr>
<td style="padding:<%= it.layout.dir === 'rtl' ? '4px 0 4px 8px' : '4px 8px 4px 0' %>;border-bottom:1px solid #e5e7eb;white-space:nowrap;color:#4b5563"><%= e.date %></td>
<td style="padding:4px 8px;border-bottom:1px solid #e5e7eb"><strong><%= e.state %></strong></td>
<td style="padding:<%= it.layout.dir === 'rtl' ? '4px 8px 4px 0' : '4px 0 4px 8px' %>;border-bottom:1px solid #e5e7eb"><%= e.what %><% if (e.note) { %> <span style="color:#6b7280;font-size:12px">(<%= e.note %>)</span><% } %></td>
</tr>
<% }) %>
</table>
<% } else { %><p style="margin:0;color:#4b5563"><%= it.noTreatyEventsLine %></p><% } %>
</td></tr>

<tr><td style="padding:8px 24px">
<h2 style="margin:12px 0 8px;font-size:16px;color:#111827"><%= it.layout.h.implementation %></h2>
<% if (it.implementationChanges.length) { %>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse">
<% it.implementationChanges.forEach(function (c) { %>
<tr>
<td style="padding:<%= it.layout.dir === 'rtl' ? '4px 0 4px 8px' : '4px 8px 4px 0' %>;border-bottom:1px solid #e5e7eb;white-space:nowrap;color:#4b5563"><%= c.date %></td>
<td style="padding:4px 8px;border-bottom:1px solid #e5e7eb"><strong><%= c.state %></strong></td>
<td style="padding:<%= it.layout.dir === 'rtl' ? '4px 8px 4px 0' : '4px 0 4px 8px' %>;border-bottom:1px solid #e5e7eb"><%= c.what %><% if (c.note) { %> <span style="color:#6b7280;font-size:12px">(<%= c.note %>)</span><% } %></td>
</tr>
<% }) %>
</table>
<% } else { %><p style="margin:0;color:#4b5563"><%= it.noImplementationLine %></p><% } %>
</td></tr>

<tr><td style="padding:8px 24px">
<h2 style="margin:12px 0 8px;font-size:16px;color:#111827"><%= it.layout.h.actions %></h2>
<p style="margin:0 0 8px"><%= it.actions.summary %></p>
<% if (it.actions.organisationsLine) { %><p style="margin:0 0 8px"><%= it.actions.organisationsLine %></p><% } %>
<% if (it.actions.byType.length) { %>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>
<td valign="top" width="33%" style="padding-<%= it.layout.end %>:12px;vertical-align:top">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse">
<tr><th align="<%= it.layout.start %>" colspan="2" style="padding:4px 0;border-bottom:2px solid #d1d5db;font-size:12px;color:#6b7280"><%= it.layout.col.byRegion %></th></tr>
<% it.actions.byRegion.forEach(function (r) { %><tr><td style="padding:<%= it.layout.dir === 'rtl' ? '3px 0 3px 8px' : '3px 8px 3px 0' %>;border-bottom:1px solid #e5e7eb"><%= r.label %></td><td align="<%= it.layout.end %>" style="padding:3px 0;border-bottom:1px solid #e5e7eb"><%= it.n(r.count) %></td></tr><% }) %>
</table>
</td>
<td valign="top" width="34%" style="padding-<%= it.layout.end %>:12px;vertical-align:top">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse">
<tr><th align="<%= it.layout.start %>" colspan="2" style="padding:4px 0;border-bottom:2px solid #d1d5db;font-size:12px;color:#6b7280"><%= it.layout.col.byType %></th></tr>
<% it.actions.byType.forEach(function (r) { %><tr><td style="padding:<%= it.layout.dir === 'rtl' ? '3px 0 3px 8px' : '3px 8px 3px 0' %>;border-bottom:1px solid #e5e7eb"><%= r.label %></td><td align="<%= it.layout.end %>" style="padding:3px 0;border-bottom:1px solid #e5e7eb"><%= it.n(r.count) %></td></tr><% }) %>
</table>
</td>
<td valign="top" width="33%" style="vertical-align:top">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse">
<tr><th align="<%= it.layout.start %>" colspan="2" style="padding:4px 0;border-bottom:2px solid #d1d5db;font-size:12px;color:#6b7280"><%= it.layout.col.topStates %></th></tr>
<% it.actions.topStates.forEach(function (r) { %><tr><td style="padding:<%= it.layout.dir === 'rtl' ? '3px 0 3px 8px' : '3px 8px 3px 0' %>;border-bottom:1px solid #e5e7eb"><%= r.label %></td><td align="<%= it.layout.end %>" style="padding:3px 0;border-bottom:1px solid #e5e7eb"><%= it.n(r.count) %></td></tr><% }) %>
</table>
</td>
</tr></table>
<% } %>
</td></tr>
<% } %>

<tr><td style="padding:8px 24px">
<h2 style="margin:12px 0 8px;font-size:16px;color:#111827"><%= it.layout.h.followUps %></h2>
<% if (it.followUps.total.open) { %>
<p style="margin:0 0 8px;color:#4b5563;font-size:13px"><%= it.followUps.caption %></p>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse">
<tr>
<th align="<%= it.layout.start %>" style="padding:<%= it.layout.dir === 'rtl' ? '4px 0 4px 8px' : '4px 8px 4px 0' %>;border-bottom:2px solid #d1d5db;font-size:12px;color:#6b7280"><%= it.layout.col.region %></th>
<th align="<%= it.layout.end %>" style="padding:4px 8px;border-bottom:2px solid #d1d5db;font-size:12px;color:#6b7280"><%= it.layout.col.open %></th>
<th align="<%= it.layout.end %>" style="padding:4px 8px;border-bottom:2px solid #d1d5db;font-size:12px;color:#6b7280"><%= it.followUps.dueHeading %></th>
<th align="<%= it.layout.end %>" style="padding:<%= it.layout.dir === 'rtl' ? '4px 8px 4px 0' : '4px 0 4px 8px' %>;border-bottom:2px solid #d1d5db;font-size:12px;color:#6b7280"><%= it.layout.col.overdue %></th>
</tr>
<% it.followUps.rows.concat([it.followUps.total]).forEach(function (r, i, all) { var last = i === all.length - 1; %>
<tr<% if (last) { %> style="font-weight:bold"<% } %>>
<td style="padding:<%= it.layout.dir === 'rtl' ? '4px 0 4px 8px' : '4px 8px 4px 0' %>;border-bottom:1px solid #e5e7eb"><%= r.label %></td>
<td align="<%= it.layout.end %>" style="padding:4px 8px;border-bottom:1px solid #e5e7eb"><%= it.n(r.open) %></td>
<td align="<%= it.layout.end %>" style="padding:4px 8px;border-bottom:1px solid #e5e7eb"><%= it.n(r.due) %></td>
<td align="<%= it.layout.end %>" style="padding:<%= it.layout.dir === 'rtl' ? '4px 8px 4px 0' : '4px 0 4px 8px' %>;border-bottom:1px solid #e5e7eb;<% if (r.overdue) { %>color:#b91c1c;<% } %>"><%= it.n(r.overdue) %></td>
</tr>
<% }) %>
</table>
<% } else { %><p style="margin:0;color:#4b5563"><%= it.followUps.noneLine %></p><% } %>
</td></tr>

<tr><td style="padding:8px 24px">
<h2 style="margin:12px 0 8px;font-size:16px;color:#111827"><%= it.layout.h.insight %></h2>
<p style="margin:0 0 4px"><%= it.insight.pledgesDue %></p>
<p style="margin:0 0 4px"><%= it.insight.pledgesKept %></p>
<p style="margin:0 0 4px"><%= it.insight.stalled %></p>
<% if (it.insight.stalledByRegion.length) { %>
<ul style="margin:4px 0 0;padding-<%= it.layout.start %>:20px">
<% it.insight.stalledByRegion.forEach(function (line) { %><li style="margin:2px 0"><%= line %></li><% }) %>
</ul>
<% } %>
</td></tr>

<tr><td style="padding:8px 24px 16px">
<h2 style="margin:12px 0 8px;font-size:16px;color:#111827"><%= it.layout.h.chart %></h2>
<table role="presentation"<% if (it.layout.dir === 'rtl') { %> dir="ltr"<% } %> cellpadding="0" cellspacing="0" border="0" style="border-collapse:separate;border-spacing:2px 0">
<tr>
<% it.chart.bars.forEach(function (b) { %>
<td valign="bottom" align="center" style="vertical-align:bottom;font-size:9px;line-height:12px;color:#374151"><% if (b.showValue) { %><%= it.n(b.value) %><% } %>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="14" style="width:14px"><tr><td height="<%= b.height %>" bgcolor="<%= b.color %>" title="<%= b.title %>" style="height:<%= b.height %>px;background:<%= b.color %>;font-size:0;line-height:0">&nbsp;</td></tr></table>
</td>
<% }) %>
</tr>
<tr>
<% it.chart.bars.forEach(function (b) { %><td align="center" style="font-size:9px;line-height:12px;color:#6b7280;padding-top:2px"><%= b.label %></td><% }) %>
</tr>
</table>
<p style="margin:6px 0 0;color:#6b7280;font-size:12px"><%= it.chart.caption %></p>
</td></tr>

<tr><td style="padding:12px 24px 20px;border-top:1px solid #e5e7eb;color:#6b7280;font-size:12px;line-height:18px">
<%= it.footer %> <a href="<%= it.link %>" style="color:#1d4ed8"><%= it.link %></a>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
