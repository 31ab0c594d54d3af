// The network graph (Cytoscape.js): records, the identifiers they hold, and the links between
// them. Every edge carries its detail (both ends and the evidence); views collapse records into
// identifiers or hide them, and link kinds can be switched off. A large network opens grouped:
// each record in the box of the identifier that links it, boxes laid out on a grid whose cells
// are wider than a label, so no two labels overlap.
(function () {
  "use strict";
  var COLORS = { phone: "#b58900", email: "#1f77b4", handle: "#6f42c1", payment: "#2f8f46", crypto: "#d9480f" };
  var EDGE_COLORS = { identifier: "#b58900", photo: "#c2255c", text: "#1971c2", analyst: "#495057", holds: "#adb5bd", shares: "#868e96" };
  var container = document.getElementById("graph");
  if (!container || typeof cytoscape === "undefined") { return; }
  var info = document.getElementById("graph-info");
  var viewSelect = document.getElementById("graph-view");
  var boxes = document.getElementById("link-kind-boxes");
  var data = null;
  var cy = null;
  // A grid cell of the grouped view: wider than a record's label (text-max-width 110), taller
  // than a node and the label under it.
  var CELL_W = 130, CELL_H = 48, GAP_X = 60, GAP_Y = 70;

  function say(text, href) {
    info.textContent = text;
    if (href) {
      var a = document.createElement("a");
      a.href = href; a.textContent = " open";
      info.appendChild(a);
    }
  }

  function enabledKinds() {
    var out = {};
    Array.prototype.forEach.call(boxes.querySelectorAll("input"), function (box) { out[box.value] = box.checked; });
    return out;
  }

  function elementsFor(view) {
    var kinds = enabledKinds();
    var nodes = data.elements.filter(function (e) { return e.group === "nodes"; });
    var edges = data.elements.filter(function (e) { return e.group === "edges"; });
    if (view === "collapse") { return collapse(nodes, edges); }
    if (view === "grouped") { return grouped(nodes, edges, kinds); }
    var keep = nodes.filter(function (n) { return view === "all" || n.data.type === "record"; });
    var links = edges.filter(function (e) {
      if (e.data.kind === "holds") { return view === "all"; }
      return kinds[e.data.kind] !== false;
    });
    return keep.concat(links);
  }

  function collapse(nodes, edges) {
    // Identifiers become the nodes; two are joined when one record holds both.
    var byRecord = {};
    edges.forEach(function (e) {
      if (e.data.kind !== "holds") { return; }
      (byRecord[e.data.source] = byRecord[e.data.source] || []).push(e.data.target);
    });
    var pairs = {};
    Object.keys(byRecord).forEach(function (record) {
      var ids = byRecord[record];
      for (var i = 0; i < ids.length; i++) {
        for (var j = i + 1; j < ids.length; j++) {
          var a = ids[i] < ids[j] ? ids[i] : ids[j], b = ids[i] < ids[j] ? ids[j] : ids[i];
          var key = a + "|" + b;
          pairs[key] = pairs[key] || { a: a, b: b, records: 0 };
          pairs[key].records += 1;
        }
      }
    });
    var out = nodes.filter(function (n) { return n.data.type === "identifier"; });
    Object.keys(pairs).forEach(function (key, i) {
      var p = pairs[key];
      out.push({ group: "edges", data: { id: "c" + i, source: p.a, target: p.b, kind: "shares",
        reason: "held together in " + p.records + " record" + (p.records === 1 ? "" : "s") } });
    });
    return out;
  }

  function grouped(nodes, edges, kinds) {
    // Records inside the box of their group; only the links between boxes are drawn.
    var out = (data.groups || []).map(function (g) {
      return { group: "nodes", data: { id: g.id, type: "group", label: g.label, kind: g.kind,
        identifier: g.identifier, records: g.records } };
    });
    nodes.forEach(function (n) {
      if (n.data.type !== "record") { return; }
      out.push({ group: "nodes", data: Object.assign({}, n.data, { parent: n.data.group }) });
    });
    edges.forEach(function (e) {
      if (e.data.kind !== "holds" && e.data.across && kinds[e.data.kind] !== false) { out.push(e); }
    });
    return out;
  }

  function gridPositions(elements) {
    // Each box a grid of cells; boxes packed in rows about as wide as the boxes are tall.
    var members = {};
    elements.forEach(function (e) {
      if (e.group === "nodes" && e.data.parent) { (members[e.data.parent] = members[e.data.parent] || []).push(e.data.id); }
    });
    var boxes = (data.groups || []).filter(function (g) { return members[g.id]; }).map(function (g) {
      var n = members[g.id].length, cols = Math.max(2, Math.ceil(Math.sqrt(n)));
      cols = Math.min(cols, Math.max(n, 2));
      return { id: g.id, ids: members[g.id], cols: cols, w: cols * CELL_W, h: Math.ceil(n / cols) * CELL_H };
    });
    var area = boxes.reduce(function (s, b) { return s + (b.w + GAP_X) * (b.h + GAP_Y); }, 0);
    var widest = boxes.reduce(function (m, b) { return Math.max(m, b.w); }, 0);
    var rowWidth = Math.max(widest, Math.sqrt(area) * 1.6);
    var pos = {}, x = 0, y = 0, rowH = 0;
    boxes.forEach(function (b) {
      if (x > 0 && x + b.w > rowWidth) { x = 0; y += rowH + GAP_Y; rowH = 0; }
      b.ids.forEach(function (id, i) {
        pos[id] = { x: x + (i % b.cols) * CELL_W + CELL_W / 2, y: y + Math.floor(i / b.cols) * CELL_H + CELL_H / 2 };
      });
      x += b.w + GAP_X;
      rowH = Math.max(rowH, b.h);
    });
    return pos;
  }

  function draw() {
    var view = viewSelect.value;
    var elements = elementsFor(view);
    var large = elements.length > 400;
    var positions = view === "grouped" ? gridPositions(elements) : null;
    if (cy) { cy.destroy(); }
    cy = cytoscape({
      container: container,
      elements: elements,
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      style: [
        { selector: "node", style: { "label": "data(label)", "font-size": 9, "text-wrap": "ellipsis",
          "text-max-width": 110, "color": "#1b1f24", "text-valign": "bottom", "text-margin-y": 3 } },
        { selector: "node[type = 'record']", style: { "shape": "round-rectangle", "width": 18, "height": 18,
          "background-color": "mapData(risk, 0, 1, #74b816, #c92a2a)" } },
        { selector: "node[?minor]", style: { "border-width": 3, "border-color": "#6f1d99" } },
        { selector: "node[type = 'group']", style: { "shape": "round-rectangle", "background-color": "#f1f3f5",
          "background-opacity": 0.6, "border-width": 1, "padding": 8,
          "text-valign": "top", "text-halign": "center", "text-margin-y": -4, "font-size": 10, "font-weight": 600,
          "text-max-width": 240, "color": "#343a40",
          "border-color": function (n) { return COLORS[n.data("kind")] || "#ced4da"; } } },
        { selector: "node[type = 'identifier']", style: { "shape": "ellipse",
          "width": "mapData(count, 1, 20, 14, 40)", "height": "mapData(count, 1, 20, 14, 40)",
          "background-color": function (n) { return COLORS[n.data("kind")] || "#868e96"; } } },
        { selector: "edge", style: { "width": 1.5, "curve-style": "bezier", "opacity": 0.8,
          "line-color": function (e) { return EDGE_COLORS[e.data("kind")] || "#999"; } } },
        { selector: "edge[kind = 'holds']", style: { "width": 1, "line-style": "dotted" } },
        { selector: "edge[kind = 'photo']", style: { "line-style": "dashed" } },
        { selector: ":selected", style: { "border-width": 3, "border-color": "#f0b400", "line-color": "#f0b400", "width": 3 } }
      ],
      layout: positions ? { name: "preset", positions: function (n) { return positions[n.id()]; }, fit: true, padding: 20 }
            : large ? { name: "concentric", minNodeSpacing: 6, animate: false,
                        concentric: function (n) { return n.degree(); }, levelWidth: function () { return 4; } }
                    : { name: "cose", animate: false, nodeRepulsion: 9000, idealEdgeLength: 70, randomize: false }
    });
    cy.on("tap", "node", function (event) {
      var d = event.target.data();
      if (d.type === "group") {
        say(d.label + (d.identifier ? ": the " + d.kind + " that links these records." : "."),
            d.identifier ? "/search?mode=identifier&q=" + encodeURIComponent(d.identifier) : null);
      } else if (d.type === "record") {
        say("Record " + d.record + " · risk " + d.risk + (d.city ? " · " + d.city : "") + " · " + d.label + ".",
            "/records/" + encodeURIComponent(d.record));
      } else {
        say((d.kind || "identifier") + " " + d.label + (d.count ? " · held by " + d.count + " record(s)" : "") + ".",
            "/search?mode=identifier&q=" + encodeURIComponent(d.kind + ":" + d.label));
      }
    });
    cy.on("tap", "edge", function (event) {
      var d = event.target.data();
      say((d.detail || d.reason) + ".");
    });
    container.setAttribute("data-ready", "true");
    container.setAttribute("data-nodes", String(cy.nodes().length));
    container.setAttribute("data-edges", String(cy.edges().length));
  }

  function buildKindBoxes(kinds) {
    boxes.textContent = "";
    kinds.forEach(function (kind) {
      var id = "kind-" + kind;
      var box = document.createElement("input");
      box.type = "checkbox"; box.id = id; box.value = kind; box.checked = true;
      box.addEventListener("change", draw);
      var label = document.createElement("label");
      label.htmlFor = id; label.textContent = " " + kind;
      boxes.appendChild(box); boxes.appendChild(label);
    });
    if (!kinds.length) { boxes.textContent = "no links"; }
  }

  fetch(container.getAttribute("data-graph-url"), { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (json) {
      data = json;
      buildKindBoxes(json.link_kinds || []);
      if (json.truncated) { say("Large network: showing its riskiest records only."); }
      if (json.layout === "grouped") { viewSelect.value = "grouped"; }
      viewSelect.addEventListener("change", draw);
      document.getElementById("graph-fit").addEventListener("click", function () { if (cy) { cy.fit(); } });
      draw();
    })
    .catch(function (err) { say("Could not load the graph: " + err); });
})();
