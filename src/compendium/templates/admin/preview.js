/*
 * The editor's preview of a case: the site's stylesheet, the case's title, its card (the fields the config gives,
 * in their order, with their labels) and its text, as the case page lays them out.  Written with the CMS's own
 * React (window.h, createClass): nothing loaded from elsewhere.  Values are inserted as text, never as HTML.
 */
(function () {
  "use strict";
  if (!window.CMS) return;
  CMS.registerPreviewStyle("../assets/stylesheets/compendium.css");
  var CARD = {{ card | tojson }};  // [name, label] of the fields declared for the card (compendium/model/fields.py)
  var TITLES = {{ titles | tojson }};  // a collection's id → its title
  var CasePreview = createClass({
    render: function () {
      var entry = this.props.entry;
      var value = function (name) {
        var v = entry.getIn(["data", name]);
        if (v === undefined || v === null) return "";
        return v && v.toJS ? v.toJS().join("、") : String(v);
      };
      var rows = CARD.filter(function (field) { return value(field[0]); }).map(function (field) {
        var text = field[0] === "collection" ? (TITLES[value("collection")] || value("collection")) : value(field[0]);
        return h("div", { className: "cc-meta__row", key: field[0] }, h("dt", {}, field[1]), h("dd", {}, text));
      });
      return h("article", { className: "md-typeset cc-case" },
        h("h1", { className: "cc-case__title" }, value("title")),
        h("dl", { className: "cc-meta" }, rows),
        value("summary") ? h("p", { className: "cc-summary" }, value("summary")) : null,
        h("div", { className: "cc-case__body" }, this.props.widgetFor("body")));
    }
  });
  {{ collections | tojson }}.forEach(function (name) { CMS.registerPreviewTemplate(name, CasePreview); });
})();
