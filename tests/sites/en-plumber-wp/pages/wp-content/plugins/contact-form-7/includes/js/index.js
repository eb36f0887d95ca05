/* Contact Form 7 5.9.3 (REST submit stubbed: no backend on this copy) */
(function(){document.addEventListener("DOMContentLoaded",function(){var ws=document.querySelectorAll(".wpcf7");for(var i=0;i<ws.length;i++){ws[i].classList.replace("no-js","js");
var f=ws[i].querySelector("form");if(!f)continue;f.addEventListener("submit",function(e){e.preventDefault();var o=this.querySelector(".wpcf7-response-output");
this.classList.remove("init");this.classList.add("failed");this.setAttribute("data-status","failed");o.textContent="There was an error trying to send your message. Please try again later.";o.removeAttribute("aria-hidden")})}})})();
