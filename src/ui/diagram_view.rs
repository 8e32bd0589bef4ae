//! The trace's picture in the page: the core's drawings, in step with the
//! steps (hovering or focusing one highlights the other), a source box
//! switching its source down or up as a click in the trace does, and the
//! picture as a file (SVG, or PNG at twice the size for slides).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::diagram::{self, Frame, Scale, Style};
use crate::input::source::SourceId;
use crate::model::item::Item;
use crate::trace::Trace;
use crate::ui::browser;
use crate::ui::state::Shared;

#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    pub trace: Shared<Trace>,
    /// What the agent box says: its addresses.
    pub agent: Rc<Vec<String>>,
    /// The step (number) to highlight.
    pub highlight: Option<usize>,
    pub on_hover: Callback<Option<usize>>,
    /// `None` while the page is read-only (a documented example).
    pub on_toggle_down: Option<Callback<SourceId>>,
    /// Offers the picture as a file: SVG, or PNG when `true`. The
    /// on-demand bundle draws it, so the page's first load carries neither
    /// the standalone drawing nor the canvas.
    #[prop_or_default]
    pub on_download: Option<Callback<bool>>,
}

/// The element of the picture an event happened in, with `attr`.
fn closest(e: &Event, selector: &str) -> Option<web_sys::Element> {
    e.target()?.dyn_into::<web_sys::Element>().ok()?.closest(selector).ok()?
}

#[function_component(DiagramView)]
pub fn diagram_view(p: &DiagramProps) -> Html {
    let holder = use_node_ref();
    let chosen = use_state(|| None::<Item>);
    // On a phone the sources stack under the agent, so the text stays readable.
    let scale = if browser::use_phone_width() { Scale::Phone } else { Scale::Page };
    let drawings = use_memo((p.trace.clone(), p.agent.clone(), scale), |(trace, agent, scale)| {
        diagram::framed(trace, agent, None, Style::Page, Frame { scale: *scale, until: None })
    });
    // The highlight lives in the drawn SVG, which is not Yew's: a class set
    // on the arrow of the step.
    {
        let holder = holder.clone();
        use_effect_with((p.highlight, drawings.clone()), move |(step, _)| {
            if let Some(root) = holder.cast::<web_sys::Element>() {
                if let Ok(old) = root.query_selector_all(".dg-arrow.hl") {
                    for i in 0..old.length() {
                        if let Some(el) = old.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                            let _ = el.class_list().remove_1("hl");
                        }
                    }
                }
                if let Some(n) = step {
                    if let Ok(Some(el)) = root.query_selector(&format!(".dg-arrow[data-step=\"{n}\"]")) {
                        let _ = el.class_list().add_1("hl");
                    }
                }
            }
        });
    }
    let over = {
        let on = p.on_hover.clone();
        Callback::from(move |e: MouseEvent| {
            let step = closest(&e, "[data-step]").and_then(|el| el.get_attribute("data-step")?.parse().ok());
            on.emit(step);
        })
    };
    let leave = p.on_hover.reform(|_: MouseEvent| None);
    let toggle_from =
        |e: &Event| closest(e, ".dg-source").and_then(|el| el.get_attribute("data-source")).map(|s| SourceId::read(&s));
    let onclick = p.on_toggle_down.clone().map(|cb| {
        Callback::from(move |e: MouseEvent| {
            if let Some(id) = toggle_from(&e) {
                cb.emit(id);
            }
        })
    });
    let onkeydown = p.on_toggle_down.clone().map(|cb| {
        Callback::from(move |e: KeyboardEvent| {
            if matches!(e.key().as_str(), "Enter" | " ") {
                if let Some(id) = toggle_from(&e) {
                    e.prevent_default();
                    cb.emit(id);
                }
            }
        })
    });
    let download = |png: bool| p.on_download.as_ref().map(|d| d.reform(move |_: MouseEvent| png));
    let (download_svg, download_png) = (download(false), download(true));
    let read_only = p.on_toggle_down.is_none();
    // One item's picture at a time (all of them in print): the one
    // chosen, else components.
    let items: Vec<Item> = drawings.iter().map(|(i, _)| *i).collect();
    let fallback = if items.contains(&Item::Components) { Some(Item::Components) } else { items.first().copied() };
    let shown = (*chosen).filter(|i| items.contains(i)).or(fallback);
    html! {
        <section class="diagrams" aria-label="The update path as a picture" data-testid="diagram">
            if items.len() > 1 {
                <div class="diagram-items" role="group" aria-label="Which item's path">
                    { for items.iter().map(|i| {
                        let i = *i;
                        let chosen = chosen.clone();
                        html! { <button type="button" class="small" aria-pressed={(shown == Some(i)).to_string()}
                            data-testid={format!("diagram-item-{}", i.id())}
                            onclick={Callback::from(move |_| chosen.set(Some(i)))}>{ i.words() }</button> }
                    }) }
                </div>
            }
            <div class={classes!("diagram-holder", read_only.then_some("read-only"))} ref={holder}
                onmouseover={over} onmouseleave={leave} {onclick} {onkeydown}>
                { for drawings.iter().map(|(item, svg): &(Item, String)| html! {
                    <figure class={classes!("diagram-figure", (shown != Some(*item)).then_some("dg-hidden"))} data-item={item.id()}>
                        { Html::from_html_unchecked(AttrValue::from(svg.clone())) }
                    </figure>
                }) }
            </div>
            <p class="diagram-tools">
                if let (Some(svg), Some(png)) = (download_svg, download_png) {
                    <button type="button" class="small" data-testid="download-svg" onclick={svg}>{ "Download SVG" }</button>
                    <button type="button" class="small" data-testid="download-png" onclick={png}>{ "Download PNG" }</button>
                }
                if !read_only { <span class="help">{ "Click a source to switch it down or up." }</span> }
            </p>
        </section>
    }
}
