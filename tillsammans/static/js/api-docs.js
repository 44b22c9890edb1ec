/* The API documentation (Swagger UI, vendored under static/vendor/swagger-ui): no CDN, no inline
   script, so that the product's own Content-Security-Policy applies to it as to every page. */
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    domNode: root,
    deepLinking: true,
    layout: "BaseLayout",
    presets: [window.SwaggerUIBundle.presets.apis]
  });
})();
