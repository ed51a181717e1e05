// Demo knowledge-base content: each demo tenant's help-centre categories and articles (data only).
//
// Written for each business's own customers, in one spelling per tenant (acme and initech
// American, globex British). Titles and wording are what the search relevance fixture
// (seed-kb-queries.ts) relies on: keep it passing when you edit them.

export type KbCategorySpec = {
  /** Lowercase and hyphenated, unique per tenant; also the key of the row's demo id. */
  slug: string;
  name: string;
  description: string;
  /** Order on the help centre's home page, lowest first. */
  position: number;
};

export type KbArticleSpec = {
  /** Lowercase and hyphenated, unique per tenant; also the key of the row's demo id. */
  slug: string;
  /** Phrased the way customers search. */
  title: string;
  /** One sentence, shown under the title in lists and search results. */
  excerpt: string;
  /** The slug of one of the tenant's categories. */
  categorySlug: string;
  status: "draft" | "published";
  /** Days before the seed's anchor day it was published (a draft: last saved). At least 1. */
  daysAgo: number;
  /** Markdown, 80 to 300 words, links https only. */
  body: string;
};

export type KbTenantSpec = {
  /** The demo tenant's slug (see DEMO_TENANTS). */
  tenant: string;
  categories: KbCategorySpec[];
  articles: KbArticleSpec[];
};

/** Acme Outfitters, an outdoor gear shop: orders, shipping, returns, sizing, care, warranty, account. */
const acme: KbTenantSpec = {
  tenant: "acme",
  categories: [
    {
      slug: "orders-shipping",
      name: "Orders & Shipping",
      description: "Delivery times, tracking, changing an order and shipping outside the US.",
      position: 1,
    },
    {
      slug: "returns-refunds",
      name: "Returns & Refunds",
      description: "Sending something back, exchanges, and when your money arrives.",
      position: 2,
    },
    {
      slug: "sizing-care-warranty",
      name: "Sizing, Care & Warranty",
      description: "Finding your fit, looking after your gear, and what our warranty covers.",
      position: 3,
    },
    {
      slug: "account-payments",
      name: "Account & Payments",
      description: "Signing in, paying, discount codes and Basecamp Rewards.",
      position: 4,
    },
  ],
  articles: [
    {
      slug: "how-long-does-shipping-take",
      title: "How long does shipping take?",
      excerpt: "Delivery times and costs for standard, express and next-day shipping in the US.",
      categorySlug: "orders-shipping",
      status: "published",
      daysAgo: 212,
      body: `Most orders leave our warehouse in Reno, Nevada within **1 business day**. How long delivery takes after that depends on the shipping speed you pick at checkout.

## Delivery times in the US

| Shipping speed | Delivery time | Cost |
| --- | --- | --- |
| Standard | 3–5 business days | $6.95, free on orders over $75 |
| Express | 1–2 business days | $18 |
| Next day | Next business day | $29 (order by 1 pm PT) |

Alaska, Hawaii and PO boxes take 2–4 extra days and only ship by standard delivery.

## When will my order arrive?

- Orders placed after 1 pm PT, or on a weekend, ship the next business day.
- You'll get an email with a tracking link as soon as your parcel is on its way.
- During our big sales and the holiday season, allow one extra day for us to pack your order.

## Late delivery

If an express or next-day order arrives late, we refund the shipping charge. Just reply to your shipping confirmation email or [contact us](https://acmeoutfitters.example/contact) with your order number.

Shipping to Canada or elsewhere? See our international shipping article for times and customs.`,
    },
    {
      slug: "track-my-order",
      title: "How do I track my order?",
      excerpt: "Find out where your package is with the tracking link or your Acme account.",
      categorySlug: "orders-shipping",
      status: "published",
      daysAgo: 205,
      body: `Once your order ships, we email you a shipping confirmation with a tracking number and a link to follow your package.

## Track your package

1. Open the shipping confirmation email (subject: *Your Acme order is on its way*).
2. Select **Track package**.
3. Or sign in to [your account](https://acmeoutfitters.example/account/orders), open **Orders**, and pick the order.

No account? Use the [order lookup page](https://acmeoutfitters.example/order-status) with your order number (it starts with **AC-**) and the email address you used at checkout.

## Tracking hasn't updated

- It can take up to 24 hours after the shipping email for the first scan to appear.
- Packages often go a day or two without a new scan while they travel between hubs.
- If tracking hasn't moved for **4 business days**, contact us and we'll chase the carrier for you.

## My order shipped in more than one box

Larger orders sometimes ship from two locations. Each box gets its own tracking number, and your shipping emails list which items are in which box.`,
    },
    {
      slug: "change-or-cancel-an-order",
      title: "Can I change or cancel my order?",
      excerpt:
        "Change the address, size or color, or cancel an order before it leaves our warehouse.",
      categorySlug: "orders-shipping",
      status: "published",
      daysAgo: 198,
      body: `We start packing orders quickly, but there's usually a window of about **an hour** after you place an order when we can still change or cancel it.

## How to change or cancel an order

1. Sign in and go to **Orders**.
2. If the order shows **Processing**, select **Change order** or **Cancel order**.
3. You can change the shipping address, swap a size or color, or remove an item.

If the buttons are gone, the order is already being packed. Contact us right away with your order number and what you'd like to change; if the warehouse catches it in time, we'll update it for you.

## Already shipped?

Once an order has shipped we can't cancel it or redirect the package. You can:

- Refuse the delivery, and the package comes back to us for a refund, or
- Return the items once they arrive. Returns are free within 30 days.

## Canceled orders and refunds

When you cancel before shipping, we never capture the payment. The pending charge drops off your statement within 3–5 business days, depending on your bank.`,
    },
    {
      slug: "international-shipping-and-customs",
      title: "Do you ship internationally? Customs and duties",
      excerpt: "Where we ship outside the US, delivery times, and who pays customs fees.",
      categorySlug: "orders-shipping",
      status: "published",
      daysAgo: 190,
      body: `We ship to Canada, the UK, the EU, Australia and New Zealand.

## Shipping times and costs

| Destination | Delivery time | Cost |
| --- | --- | --- |
| Canada | 5–8 business days | $15 flat, duties included |
| UK and EU | 7–10 business days | $25 |
| Australia and New Zealand | 8–14 business days | $30 |

## Customs fees and duties

**Canada:** orders ship duties-paid. The price at checkout includes all customs fees and taxes, so you won't owe anything at the door. If the carrier asks you for duties on a Canadian order, pay it and send us the receipt: we'll refund it in full.

**Everywhere else:** your country may charge import duties and taxes when the package arrives. These aren't included in our prices and are paid to the carrier on delivery.

## Things we can't ship abroad

- Camping stove fuel and other hazardous items
- Bear spray
- Some knives and multitools, depending on local law

These items are removed from your cart at checkout with a note explaining why. International returns are covered in our [return policy](https://acmeoutfitters.example/returns).`,
    },
    {
      slug: "package-marked-delivered-not-received",
      title: "My package says delivered but it isn't here",
      excerpt: "What to check, and what we do, when tracking says delivered but you have nothing.",
      categorySlug: "orders-shipping",
      status: "published",
      daysAgo: 150,
      body: `Sorry — that's stressful. Most "delivered" packages turn up within a day, so start with these checks.

## Check first

- Look around your home: porch, back door, garage, behind planters, with neighbors.
- Check your building's mailroom or parcel lockers, and ask the front desk.
- Confirm the shipping address on your order confirmation email.
- Wait until the end of the next business day: carriers sometimes scan a package as delivered early.

## Still missing?

[Contact us](https://acmeoutfitters.example/contact) within **7 days** of the delivery date with your order number. We'll:

1. Open a claim with the carrier and ask for the GPS location of the delivery scan.
2. Send a replacement by express shipping, or refund you, once the claim is open. You choose.

You don't need to file a police report for us to help, though your carrier or insurer may ask for one.

## Avoid it next time

At checkout, you can ask for a signature on delivery, or ship to an Acme store or a carrier pickup point for free.`,
    },
    {
      slug: "missing-or-wrong-item",
      title: "An item is missing or wrong in my order",
      excerpt:
        "Got the wrong size, color or item, or something missing from the box? Here's the fix.",
      categorySlug: "orders-shipping",
      status: "published",
      daysAgo: 143,
      body: `Our warehouse team double-checks every order, but mistakes happen. Here's how we put it right.

## An item is missing

First, check your shipping emails: big orders sometimes ship in **two boxes**, each with its own tracking number. If only one box was sent and something isn't in it, contact us with your order number and the missing item.

## You received the wrong item, size or color

1. Take a photo of the item's label next to the packing slip.
2. [Send it to us](https://acmeoutfitters.example/contact) with your order number.
3. We ship the right item right away, at no charge.
4. We email you a prepaid label to send the wrong one back within 30 days.

You don't need to wait for us to receive the wrong item before we ship the right one.

## Wrong quantity

If you were charged for more items than arrived, we'll refund the difference as soon as we've confirmed it with the warehouse, usually within one business day.`,
    },
    {
      slug: "how-do-i-return-an-item",
      title: "How do I return an item?",
      excerpt:
        "How to send back something you bought from us, step by step, with a free return label.",
      categorySlug: "returns-refunds",
      status: "published",
      daysAgo: 220,
      body: `Changed your mind? You can send back most items within **30 days** of delivery. Returns in the US are free.

## Start a return

1. Go to our [returns page](https://acmeoutfitters.example/returns/start) and enter your order number and email. Signed in? Open **Orders** and select **Return items**.
2. Choose the items you're sending back and tell us why.
3. Pick a refund to your original payment method or Acme store credit.
4. Print the prepaid return label, or show the QR code at a drop-off point.

## Pack it up

- Items should be unused, with the original tags attached.
- Reuse the original box if you can, and include the packing slip.
- Boots and shoes go in their shoe box, inside another box.

## Return in store

You can also bring online orders back to any Acme Outfitters store. Bring your order number; we refund you on the spot.

## What happens next

We email you when your return is scanned by the carrier and again when it reaches our warehouse. See *When will I get my refund?* for timing.`,
    },
    {
      slug: "return-policy",
      title: "Our return policy",
      excerpt: "What you can return, within how many days, and which items are final sale.",
      categorySlug: "returns-refunds",
      status: "published",
      daysAgo: 225,
      body: `We want you to love your gear. If you don't, our return policy makes it easy to send it back.

## The basics

- **30 days** from delivery to return most items for a full refund.
- Items must be unused, clean and have their original tags.
- Returns within the US are free with our prepaid label.
- Basecamp Rewards members get **60 days**.

## Items we can't take back

- Anything marked **Final sale**, including clearance
- Opened stove fuel and bear spray
- Personalized or custom-embroidered items
- Gift cards

## Used gear

Tried it on the trail and it failed? That isn't a return, it's a warranty question. See *What does the Acme warranty cover?*

## International returns

Customers outside the US can return items within 30 days too. Return shipping isn't free, but we refund the original shipping charge if the item was faulty.

Full terms are on our [returns policy page](https://acmeoutfitters.example/policies/returns).`,
    },
    {
      slug: "exchange-for-a-different-size",
      title: "How do I exchange an item for a different size?",
      excerpt: "Swap a size or color with a free exchange, and get the new one shipped fast.",
      categorySlug: "returns-refunds",
      status: "published",
      daysAgo: 184,
      body: `Wrong fit? Exchanges are free, and we ship the replacement as soon as your return is on its way.

## How to exchange

1. Start a return on our [returns page](https://acmeoutfitters.example/returns/start).
2. Choose **Exchange** instead of refund, and pick the new size or color.
3. Drop off the original item with the prepaid label.
4. As soon as the carrier scans it, we ship your new item by standard shipping, free.

## Want it faster?

Place a new order for the size you need and return the first one for a refund. You'll pay for the new item up front, but it ships right away.

## Not sure which size?

Check our size guide before you exchange. Our chat team can also help you choose between two sizes: tell them your height, weight and how you like things to fit.

## If the new size is out of stock

We'll email you and offer another color, a back-in-stock alert, or a full refund instead.`,
    },
    {
      slug: "when-will-i-get-my-refund",
      title: "When will I get my refund?",
      excerpt:
        "How long refunds take to reach your card, store credit or gift card after a return.",
      categorySlug: "returns-refunds",
      status: "published",
      daysAgo: 176,
      body: `We issue your refund as soon as your return is checked in at our warehouse, usually within **2 business days** of it arriving.

## Refund timeline

| Step | Typical time |
| --- | --- |
| Return travels to our warehouse | 3–7 business days |
| We check it in and issue the refund | 1–2 business days |
| Your bank shows the refund | 3–5 business days |

You'll get an email when the refund is issued, with the amount.

## How you're refunded

- **Cards and digital wallets:** back to the card or wallet you paid with.
- **Pay-in-4 installments:** the installment plan is adjusted, and any overpayment is refunded.
- **Gift cards and store credit:** back to your Acme account instantly.

Shipping charges aren't refunded unless the item was faulty or we made a mistake.

## Refund not showing up?

If it has been more than 5 business days since your refund email, [contact us](https://acmeoutfitters.example/contact) with your return number (it starts with **RMA-**) and the last four digits of your card. We'll trace the refund for you.`,
    },
    {
      slug: "damaged-item-arrived",
      title: "My item arrived damaged",
      excerpt: "What to do if your order arrives broken, torn or crushed in shipping.",
      categorySlug: "returns-refunds",
      status: "published",
      daysAgo: 160,
      body: `We're sorry your gear arrived in bad shape. We'll replace it or refund it — you don't have to pay for the damage in shipping.

## What to do

1. Keep the box and packaging for now.
2. Take a few photos: the outside of the box, the label, and the damage on the item.
3. [Send them to us](https://acmeoutfitters.example/contact) within **14 days** of delivery, with your order number.

## What we'll do

- Ship a replacement by express shipping, free, or refund you in full — your choice.
- In most cases you **don't** need to send the damaged item back. If we do need it, we'll email a prepaid label.
- We file the claim with the carrier ourselves.

## Damage you notice later

A seam that splits or a zipper that breaks after a few trips isn't shipping damage. Our warranty covers manufacturing defects for 2 years; see *What does the Acme warranty cover?*`,
    },
    {
      slug: "returning-a-gift",
      title: "Returning a gift",
      excerpt: "Return or exchange something you were given, without the giver finding out.",
      categorySlug: "returns-refunds",
      status: "published",
      daysAgo: 130,
      body: `Got a gift from Acme that isn't quite right? You can return or exchange it, and the person who bought it won't be told.

## What you need

- The **order number** from the gift receipt, or
- The gift-giver's email address, if you don't have a receipt

## How to return a gift

1. Go to our [returns page](https://acmeoutfitters.example/returns/start) and select **I received a gift**.
2. Enter the order number from the gift receipt.
3. Choose an exchange, or a refund as **Acme store credit**. Gift returns are always refunded as store credit, sent to your email, never to the original card.
4. Print the prepaid label and drop off the package.

## Holiday gifts

Gifts bought between November 1 and December 24 can be returned until **January 31** of the following year.

## No receipt?

Bring the item to any Acme Outfitters store. We can usually find the order, and if we can't, we'll offer store credit at the current price.`,
    },
    {
      slug: "size-guide",
      title: "Size guide: finding your fit",
      excerpt:
        "Size charts for jackets, base layers, pants and footwear, and how to measure yourself.",
      categorySlug: "sizing-care-warranty",
      status: "published",
      daysAgo: 240,
      body: `Our sizes run true to US sizing. Each product page has its own size chart; this guide explains how to measure and choose.

## How to measure

- **Chest:** around the fullest part, under your arms, tape level.
- **Waist:** around your natural waist, above your hip bones.
- **Inseam:** from the crotch to the floor, without shoes.

## Jackets and tops (unisex chart)

| Size | Chest (in) | Waist (in) |
| --- | --- | --- |
| S | 35–37 | 29–31 |
| M | 38–40 | 32–34 |
| L | 41–43 | 35–37 |
| XL | 44–47 | 38–41 |

## Choosing between two sizes

- **Jackets and shells:** size up if you'll layer a fleece or down jacket underneath.
- **Base layers:** these are meant to fit close; pick your usual size.
- **Hiking boots:** go a half size up, so your toes don't hit the front on downhills.

## Still unsure?

Our [fit finder](https://acmeoutfitters.example/fit) asks a few questions and suggests a size. Exchanges are free, so you can swap if the fit is wrong.`,
    },
    {
      slug: "how-do-i-wash-a-down-jacket",
      title: "How do I wash a down jacket?",
      excerpt: "Wash and dry your down jacket or sleeping bag without losing its warmth.",
      categorySlug: "sizing-care-warranty",
      status: "published",
      daysAgo: 120,
      body: `Washing a down jacket once or twice a season keeps it lofty and warm. Dirt and body oils make down clump and lose warmth.

## What you need

- A **front-loading** washer (top-loaders with an agitator can tear baffles)
- Down wash, not regular detergent
- A dryer and three clean tennis balls

## Washing

1. Close all zippers and snaps and empty the pockets.
2. Wash on a gentle cycle in warm water with down wash.
3. Run an extra rinse to get all the soap out.

## Drying

1. Tumble dry on **low heat** with the tennis balls; they break up the clumps.
2. Take it out every 30 minutes and shake it to spread the down.
3. It can take 2–3 hours. Keep going until there are no clumps at all: damp down goes moldy.

## The same goes for sleeping bags

Wash down sleeping bags the same way, in a large front-loader. A laundromat is fine.

## Storage

Store your jacket hanging or loosely folded, not in its stuff sack. See the [care label guide](https://acmeoutfitters.example/care) for other fabrics.`,
    },
    {
      slug: "rain-jacket-waterproofing",
      title: "Re-waterproofing your rain jacket",
      excerpt: "Why your rain shell is wetting out and how to restore its waterproofing.",
      categorySlug: "sizing-care-warranty",
      status: "published",
      daysAgo: 112,
      body: `If water no longer beads up on your rain jacket and the fabric looks soaked (called **wetting out**), the water-repellent finish has worn off. The waterproof membrane inside is usually fine — the jacket just needs cleaning and a fresh finish.

## Step 1: wash it

Dirt and oils stop the finish from working. Wash the jacket on a gentle, warm cycle with a technical wash, not regular detergent or fabric softener.

## Step 2: reactivate the finish

Tumble dry on **medium heat** for 20 minutes. The heat brings the existing water-repellent finish back to life. Test it by sprinkling water on the shoulders: if it beads, you're done.

## Step 3: re-proof if needed

If water still soaks in:

1. Spray a wash-in or spray-on waterproofing treatment evenly on the outside.
2. Tumble dry on low heat to cure it.

## How often?

Clean it every 10–15 days of use, and re-proof once or twice a year. Rain shells and softshells are covered by our warranty if the membrane itself leaks; see *What does the Acme warranty cover?*`,
    },
    {
      slug: "tent-care-and-repair",
      title: "Caring for your tent",
      excerpt:
        "Setting up, cleaning, drying and storing your tent, plus fixing poles and small holes.",
      categorySlug: "sizing-care-warranty",
      status: "published",
      daysAgo: 98,
      body: `A little care after each trip can double the life of your tent.

## After every trip

- **Dry it completely** before storing it, even if that means setting it up in the yard. A tent packed wet grows mildew within days.
- Shake out dirt and sand, and wipe the floor with a damp sponge.
- Never put your tent in a washing machine.

## Storage

Store it loosely in a large cotton bag or bin, not tightly rolled in its stuff sack, somewhere cool and dry.

## Tent pole repair

A bent or cracked pole section can be splinted on the trail with the **repair sleeve** that comes with every Acme tent: slide it over the break and tape both ends.

At home, order a replacement pole section from our [spare parts shop](https://acmeoutfitters.example/parts). Tell us your tent model and color.

## Small holes and tears

- Patch holes under 1 inch with the self-adhesive patches in the repair kit, on both sides of the fabric.
- For bigger tears, broken zippers or leaking seams, send it to our repair shop. Repairs are free on Acme tents under warranty.`,
    },
    {
      slug: "acme-warranty",
      title: "What does the Acme warranty cover?",
      excerpt: "Our 2-year guarantee on Acme gear, free zipper repairs and how to make a claim.",
      categorySlug: "sizing-care-warranty",
      status: "published",
      daysAgo: 230,
      body: `Every Acme-brand product comes with our **Trail-Tested Guarantee**: if it fails because of a defect in materials or workmanship within **2 years** of purchase, we'll repair it, replace it or refund you.

## What's covered

- Seams that split, delaminating fabric, leaking waterproof membranes
- Broken zippers, buckles and snaps (we repair zippers free even after 2 years)
- Tent poles that break during normal use

## What isn't covered

- Normal wear and tear, like faded colors or worn-down shoe soles
- Damage from accidents, fire, pets or misuse
- Gear from other brands; their own manufacturer's warranty applies, and we'll help you claim it

## How to make a warranty claim

1. Fill in the [warranty claim form](https://acmeoutfitters.example/warranty) with your order number, if you have it.
2. Add photos of the problem, including the product label.
3. We reply within 3 business days. Often we can decide from photos alone; otherwise we send a prepaid label so our repair shop can take a look.

Repairs usually take 2–3 weeks. If we can't repair it, we'll replace it or give you store credit.`,
    },
    {
      slug: "forgot-my-password",
      title: "I forgot my password",
      excerpt: "Reset your Acme account password, or sign in when the reset email doesn't arrive.",
      categorySlug: "account-payments",
      status: "published",
      daysAgo: 200,
      body: `You can reset your password from the sign-in page in a minute.

## Reset your password

1. Go to the [sign-in page](https://acmeoutfitters.example/account/sign-in) and select **Forgot password?**
2. Enter the email address on your account.
3. Open the email from Acme Outfitters and select **Reset password**. The link works for 1 hour.
4. Choose a new password of at least 10 characters.

## The reset email didn't arrive

- Check your spam or promotions folder.
- Make sure you used the email you signed up with. Many customers order with a work email and sign up with a personal one.
- Wait 10 minutes, then try again. Requesting several links at once means only the newest one works.

## "Invalid password" after a reset

Your browser may be filling in the old saved password. Type the new one by hand, then update your saved passwords.

## Two accounts?

If you placed orders with two different email addresses, contact us and we'll merge them, so all your orders and Basecamp Rewards points are in one place.`,
    },
    {
      slug: "payment-methods",
      title: "Which payment methods do you accept?",
      excerpt: "Cards, digital wallets, gift cards and pay-in-4 installment options at checkout.",
      categorySlug: "account-payments",
      status: "published",
      daysAgo: 215,
      body: `We accept a range of payment options at checkout, online and in our stores.

## Payment options

- **Credit and debit cards:** all major cards issued in the US, Canada and the EU
- **Digital wallets:** pay with your phone or the wallet saved in your browser
- **Acme gift cards and store credit:** enter the card number at checkout; you can combine a gift card with another payment method
- **Pay in 4:** split orders from $50 to $1,500 into four interest-free installments every two weeks, subject to approval

## When am I charged?

We place an authorization hold on your card when you order and take the payment when your order ships. If an order ships in two boxes, you may see two charges that add up to the total.

## Currency

Prices are in US dollars. Orders to other countries are charged in dollars, and your bank converts them. Some banks add a foreign transaction fee.

## Is my payment secure?

Payments are handled by a PCI-compliant payment provider, and we never see or store your full card number. Read more on our [security page](https://acmeoutfitters.example/security).`,
    },
    {
      slug: "discount-code-not-working",
      title: "Why isn't my discount code working?",
      excerpt: "Common reasons a promo code is rejected at checkout, and how to get your discount.",
      categorySlug: "account-payments",
      status: "published",
      daysAgo: 88,
      body: `If checkout says your discount code or promo code is invalid, it's usually one of these.

## Check the code

- **Expired:** most codes end at midnight PT on the date in the email.
- **Typo:** codes aren't case-sensitive, but a zero and the letter O look alike.
- **Spaces:** copying from an email can add a space at the end.

## Check what's in your cart

- Some codes exclude certain brands, **Final sale** items, or gift cards.
- Some need a minimum order amount, before tax and shipping.
- Only **one code** can be used per order. Basecamp Rewards vouchers can be combined with a code.

## Single-use codes

Welcome codes and birthday codes work once per account. If you used one on an order you later canceled, contact us and we'll reissue it.

## Still not working?

[Contact us](https://acmeoutfitters.example/contact) with the code and your order number, if you've already ordered. If the code should have worked, we'll refund the difference.`,
    },
    {
      slug: "charged-twice",
      title: "I was charged twice for my order",
      excerpt: "Why you may see a double charge or a pending hold, and when it disappears.",
      categorySlug: "account-payments",
      status: "published",
      daysAgo: 75,
      body: `Seeing two charges for one order is worrying. Usually one of them isn't a real charge at all.

## Pending authorization holds

When you place an order, your bank puts a **pending authorization hold** on the amount. If a payment is retried — say, your connection dropped at checkout — a second hold can appear. We only ever capture one payment, and the extra hold drops off within **3–5 business days**. It will never turn into a real charge.

## Split shipments

If your order ships in two boxes, you'll see two charges that add up to the order total.

## A true double charge

If both charges are marked as completed (not pending) and add up to more than your order total:

1. Sign in and check **Orders**: you may have placed the order twice.
2. If you didn't, [contact us](https://acmeoutfitters.example/contact) with your order number and the last four digits of your card.

We'll refund the extra charge the same day and send you a confirmation.`,
    },
    {
      slug: "basecamp-rewards",
      title: "How do Basecamp Rewards points work?",
      excerpt: "Earn points on every purchase, turn them into rewards, and get member perks.",
      categorySlug: "account-payments",
      status: "published",
      daysAgo: 60,
      body: `Basecamp Rewards is our free membership program. Sign up with your Acme account to start earning.

## Earning points

- **1 point for every $1** you spend, online or in store
- 100 bonus points when you write a product review
- Double points on your birthday month

## Using your points

Every **500 points** becomes a $10 reward voucher, sent to your email and shown in your account. Vouchers are valid for 90 days and can be combined with a discount code.

## Member perks

- Free standard shipping on every order, no minimum
- **60 days** to return items instead of 30
- Early access to our sales

## Where are my points?

Points appear in your account once your order ships. Points for a returned item are removed when the refund is issued. Points don't expire as long as you make a purchase at least once every 12 months.

Read the full [Basecamp Rewards terms](https://acmeoutfitters.example/rewards/terms).`,
    },
    {
      slug: "holiday-shipping-deadlines",
      title: "Holiday shipping deadlines",
      excerpt: "The last days to order for delivery before the holidays.",
      categorySlug: "orders-shipping",
      status: "draft",
      daysAgo: 3,
      body: `Want your gifts to arrive in time? Order by these dates for delivery in the US before December 25.

## Order by

| Shipping speed | Order by |
| --- | --- |
| Standard | December 16 |
| Express | December 20 |
| Next day | December 22, 1 pm PT |

TODO: confirm dates with the warehouse team before publishing.

## Gift options

- Add a gift receipt at checkout, so prices don't appear on the packing slip.
- Add a gift message, printed on a card in the box.
- Gifts bought from November 1 can be returned until January 31.`,
    },
  ],
};

/** Globex Analytics, an analytics SaaS: dashboards, connectors, billing, SSO, API keys, exports. */
const globex: KbTenantSpec = {
  tenant: "globex",
  categories: [
    {
      slug: "dashboards-reports",
      name: "Dashboards & Reports",
      description: "Building, sharing, scheduling and exporting dashboards.",
      position: 1,
    },
    {
      slug: "data-sources",
      name: "Data Sources & Connectors",
      description: "Connecting databases, warehouses and files, and keeping them in sync.",
      position: 2,
    },
    {
      slug: "billing-plans",
      name: "Billing & Plans",
      description: "Plans, seats, invoices, VAT and payment details.",
      position: 3,
    },
    {
      slug: "security-api",
      name: "Security, SSO & API",
      description: "Single sign-on, two-factor authentication, roles, API keys and webhooks.",
      position: 4,
    },
  ],
  articles: [
    {
      slug: "creating-your-first-dashboard",
      title: "Creating your first dashboard",
      excerpt: "Build a dashboard from a data source in a few minutes, tile by tile.",
      categorySlug: "dashboards-reports",
      status: "published",
      daysAgo: 260,
      body: `A dashboard is a page of **tiles**: charts, numbers and tables, each built from one question about your data.

## Create a dashboard

1. Select **Dashboards → New dashboard** and give it a name, such as *Weekly Revenue*.
2. Select **Add tile** and pick a connected data source.
3. Choose a metric (for example *Sum of order value*) and how to break it down (*by week*, *by country*).
4. Pick a visualisation: line, bar, number, table or map.
5. Select **Save tile**, then drag its corner to resize it.

## Tips

- Add a **date filter** to the dashboard, so every tile follows the same date range.
- Use a *number* tile with a comparison ("vs previous period") for your headline KPIs.
- Group related tiles under a **section heading**.

## No data yet?

You need at least one data source. See *Connecting a PostgreSQL data source*, or try the built-in **Sample data** source to explore first.

Learn more in the [dashboard guide](https://docs.globex.example/dashboards).`,
    },
    {
      slug: "sharing-a-dashboard",
      title: "Sharing a dashboard with your team",
      excerpt:
        "Share a dashboard with colleagues, groups or a public link, and control who can edit.",
      categorySlug: "dashboards-reports",
      status: "published",
      daysAgo: 240,
      body: `Dashboards are private to their creator until you share them.

## Share with people in your workspace

1. Open the dashboard and select **Share**.
2. Type a colleague's name, email or a group such as *Finance*.
3. Choose their access: **Can view** or **Can edit**.
4. Select **Share**. They get an email with a link.

Viewers can change filters for themselves but cannot change the tiles.

## Share a link outside your workspace

On the Business and Enterprise plans, admins can allow **public links**:

- Select **Share → Create public link**.
- Optionally add a password and an expiry date.
- Anyone with the link sees the dashboard read-only, with its current filters.

Public links can be turned off for the whole workspace under **Settings → Security**.

## Move a dashboard to a shared folder

Folders have their own permissions, so a dashboard in the *Sales* folder is visible to everyone who can see that folder. This is easier to manage than sharing dashboards one by one.`,
    },
    {
      slug: "scheduling-report-emails",
      title: "Scheduling report emails",
      excerpt: "Send a dashboard as a PDF or link by email every day, week or month.",
      categorySlug: "dashboards-reports",
      status: "published",
      daysAgo: 225,
      body: `Scheduled reports email a dashboard to anyone, on a timetable you choose.

## Set up a schedule

1. Open the dashboard and select **Share → Schedule report**.
2. Add recipients. People outside your workspace are allowed if your admin permits it.
3. Choose how often: daily, weekly (pick the day) or monthly, and the time.
4. Choose the format: **PDF attachment**, **PNG image** or **link only**.
5. Select **Save schedule**.

Reports use the time zone of your workspace, set under **Settings → General**.

## Report emails not arriving?

- Check spam and quarantine folders: a new mail filter often catches PDF attachments.
- Ask your IT team to allow-list **reports@globex.example**.
- Switch the format to **link only**, which filters rarely block.
- Open **Schedule report → History** to see when each email was sent.

## Limits

Starter plans can have 5 schedules; Growth and above are unlimited. A PDF report can include up to 50 tiles. See the [reports guide](https://docs.globex.example/reports/schedules).`,
    },
    {
      slug: "exporting-data-to-csv-or-excel",
      title: "Exporting data to CSV or Excel",
      excerpt: "Download a tile's data as CSV or XLSX, or a whole dashboard as a PDF.",
      categorySlug: "dashboards-reports",
      status: "published",
      daysAgo: 210,
      body: `You can export the data behind any tile, or a whole dashboard.

## Export a tile

1. Hover over the tile and select the **⋯** menu.
2. Choose **Export data**.
3. Pick **CSV** or **Excel (XLSX)**.

The export uses the dashboard's current filters. Numbers are exported unformatted, so spreadsheets can calculate with them.

## Export a whole dashboard

Select **⋯ → Export dashboard** to download a **PDF** or **PNG** of the dashboard as it looks on screen.

## Large exports

| Plan | Rows per export |
| --- | --- |
| Starter | 10,000 |
| Growth | 100,000 |
| Business and Enterprise | 1,000,000 |

Exports over 100,000 rows are prepared in the background and emailed to you as a download link, valid for 7 days.

## Exporting with the API

To export data automatically, use the \`/v2/tiles/{id}/data\` endpoint with an API key. See the [API reference](https://docs.globex.example/api/exports).`,
    },
    {
      slug: "numbers-dont-match",
      title: "Why don't my numbers match my source system?",
      excerpt: "Time zones, filters, refunds and sync delays explain most differences in totals.",
      categorySlug: "dashboards-reports",
      status: "published",
      daysAgo: 150,
      body: `If a dashboard total differs from the number in your source system, one of these is almost always the reason.

## Time zones

Globex groups dates using your workspace's time zone (**Settings → General**). If your billing system reports in US Eastern time and your workspace is set to UTC, orders near midnight fall on different days — and in different months at month end.

## Filters

Check the dashboard's filters **and** the tile's own filters. A common one: excluding test or internal accounts.

## Definitions

- **Refunds:** some systems subtract a refund in the month of the original sale, others in the month it was refunded.
- **Currency:** converted totals use the exchange rate on the transaction date.
- **Distinct counts:** "users" may mean all users or only active ones.

## Sync delay

Data is only as fresh as the last sync. Hover over the clock icon on a tile to see when its data source last synced.

## Still different?

Contact support with the tile link and the number you expected. We'll compare the underlying query with you.`,
    },
    {
      slug: "connecting-postgresql",
      title: "Connecting a PostgreSQL data source",
      excerpt: "Connect your Postgres database with a read-only user, over SSL or an SSH tunnel.",
      categorySlug: "data-sources",
      status: "published",
      daysAgo: 270,
      body: `Globex connects to PostgreSQL (Postgres) 11 and later, including managed databases from the major cloud providers.

## 1. Create a read-only user

Run this on your database, replacing the password:

\`\`\`sql
CREATE ROLE globex_reader WITH LOGIN PASSWORD 'choose-a-long-password';
GRANT USAGE ON SCHEMA public TO globex_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO globex_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO globex_reader;
\`\`\`

## 2. Allow Globex to reach it

Allow-list our IP addresses (see *Which IP addresses should I allow-list?*), or connect through an **SSH tunnel** to a bastion host.

## 3. Add the data source

1. Go to **Data sources → Add → PostgreSQL**.
2. Enter the host, port (usually 5432), database name, user and password.
3. Leave **Require SSL** on.
4. Select **Test connection**, then **Save**.

The first sync reads your table list; you choose which schemas and tables to include.

## Connection errors

- *timeout*: a firewall is blocking us; check the allow-list.
- *password authentication failed*: check the user name and password.
- *no pg_hba.conf entry*: your server does not accept remote connections from our addresses.

Full details in the [connector docs](https://docs.globex.example/connectors/postgresql).`,
    },
    {
      slug: "connecting-mysql",
      title: "Connecting a MySQL database",
      excerpt: "Add a MySQL or MariaDB database as a data source with a read-only user.",
      categorySlug: "data-sources",
      status: "published",
      daysAgo: 255,
      body: `Globex supports MySQL 5.7 and later, and MariaDB 10.4 and later.

## Create a read-only user

\`\`\`sql
CREATE USER 'globex_reader'@'%' IDENTIFIED BY 'choose-a-long-password';
GRANT SELECT, SHOW VIEW ON analytics.* TO 'globex_reader'@'%';
\`\`\`

Replace \`analytics\` with your database name. For tighter security, replace \`%\` with our IP addresses.

## Add the data source

1. Go to **Data sources → Add → MySQL**.
2. Enter the host, port (usually 3306), database, user and password.
3. Turn on **Use SSL** if your server supports it (recommended).
4. Select **Test connection**, then **Save**.

## Good to know

- Globex only ever runs \`SELECT\` queries.
- Large tables sync faster with an index on an *updated at* column, which Globex uses for incremental syncs.
- Time zones: MySQL \`DATETIME\` columns have no time zone, so tell us which one your data is in under **Data source → Settings**.

See the [MySQL connector docs](https://docs.globex.example/connectors/mysql).`,
    },
    {
      slug: "connecting-a-cloud-data-warehouse",
      title: "Connecting Snowflake or BigQuery",
      excerpt: "Connect a cloud data warehouse with a service account and control query costs.",
      categorySlug: "data-sources",
      status: "published",
      daysAgo: 245,
      body: `Globex queries your cloud data warehouse directly, so data stays where it is and dashboards are always current.

## Snowflake

1. Create a user and a role with **USAGE** on a warehouse and database, and **SELECT** on the schemas you want.
2. We recommend a dedicated, **X-Small** warehouse with auto-suspend after 60 seconds.
3. In Globex, go to **Data sources → Add → Snowflake** and enter the account identifier, warehouse, database, user and key-pair private key.

## BigQuery

1. In your cloud console, create a **service account** with the roles *BigQuery Data Viewer* and *BigQuery Job User*.
2. Create a JSON key for it.
3. In Globex, go to **Data sources → Add → BigQuery** and upload the key file.

## Keeping costs down

- Turn on **result caching** (on by default) so the same tile isn't re-queried on every view.
- Set a **maximum bytes billed** per query under **Data source → Settings**.
- Use partitioned tables and add a date filter to your dashboards.

More in the [warehouse connector docs](https://docs.globex.example/connectors/warehouses).`,
    },
    {
      slug: "uploading-a-csv-file",
      title: "Uploading a CSV file",
      excerpt:
        "Turn a spreadsheet or CSV file into a data source, and replace it with a new version.",
      categorySlug: "data-sources",
      status: "published",
      daysAgo: 230,
      body: `No database? You can upload spreadsheet data directly.

## Upload a file

1. Go to **Data sources → Add → File upload**.
2. Drop a **CSV** or **XLSX** file (up to 200 MB).
3. Check the column types Globex detected: text, number, date or true/false. Change any that are wrong.
4. Select **Create data source**.

## Format tips

- Put column names in the **first row**, one header per column.
- Use one date format throughout, ideally \`YYYY-MM-DD\`.
- Remove totals rows and merged cells from spreadsheets before uploading.
- Use a full stop for decimals and no thousands separators.

## Updating the data

Select **Data source → Replace file** and upload the new version. The columns must match; tiles and dashboards keep working.

To add rows instead of replacing them, choose **Append**.

## Automating uploads

For data that changes often, upload it through the API or connect the database it comes from. See the [file upload docs](https://docs.globex.example/connectors/files).`,
    },
    {
      slug: "how-often-does-data-sync",
      title: "How often does data sync?",
      excerpt: "Sync schedules per plan, incremental syncs, and running a sync by hand.",
      categorySlug: "data-sources",
      status: "published",
      daysAgo: 190,
      body: `Connectors that copy data into Globex (SaaS apps such as CRMs and payment platforms) sync on a schedule. Warehouses and databases queried live don't need to sync.

## Sync frequency by plan

| Plan | Most frequent sync |
| --- | --- |
| Starter | Every 24 hours |
| Growth | Every 6 hours |
| Business | Every hour |
| Enterprise | Every 15 minutes |

Change the schedule under **Data source → Sync schedule**.

## Incremental syncs

After the first full sync, Globex only fetches records that changed since the last one, using each record's *updated at* time. Deleted records are picked up by a weekly full sync.

## Sync now

Select **Data source → Sync now** to start a sync immediately. Manual syncs count towards your plan's limits and queue behind any sync already running.

## Checking freshness

The clock icon on each tile shows when its data last synced. Admins get an email if a sync fails twice in a row; see *Troubleshooting a failed sync*.`,
    },
    {
      slug: "troubleshooting-a-failed-sync",
      title: "Troubleshooting a failed sync",
      excerpt: "What 'sync failed' means, the usual causes, and how to backfill missing data.",
      categorySlug: "data-sources",
      status: "published",
      daysAgo: 160,
      body: `When a connector shows **Sync failed**, dashboards keep showing the last good data but stop updating.

## Find the error

Open **Data sources**, select the connector and then **Sync history**. Each failed run shows an error message.

## The usual causes

- **Expired or rotated credentials** (*401 Unauthorized*): someone changed the password, rotated an API token, or the OAuth connection expired. Select **Reconnect** and sign in again, or paste the new token.
- **Missing permissions** (*403 Forbidden*): the service account lost access to a table or object.
- **Timeouts:** a firewall change, or a very large table. Check the IP allow-list.
- **Schema changes:** a column was renamed or its type changed. Select **Refresh schema**.

## After fixing it

Globex automatically **backfills** the data you missed the next time the sync succeeds. You don't need to do anything else.

## Duplicate rows after reconnecting?

Reconnecting with a *different* account can replay old events. Contact support before deleting anything: we can remove the duplicated window for you.

Check the [status page](https://status.globex.example) for incidents affecting a connector.`,
    },
    {
      slug: "ip-addresses-to-allow-list",
      title: "Which IP addresses should I allow-list?",
      excerpt: "The fixed IP addresses Globex connects from, per region, for firewalls.",
      categorySlug: "data-sources",
      status: "published",
      daysAgo: 280,
      body: `Globex always connects to your databases from a fixed set of IP addresses. Add the ones for your workspace's region to your firewall or security group (this is also called allow-listing or whitelisting).

## IP addresses by region

| Region | IP addresses |
| --- | --- |
| EU (Frankfurt) | 203.0.113.10, 203.0.113.11, 203.0.113.12 |
| UK (London) | 203.0.113.40, 203.0.113.41 |
| US (Virginia) | 198.51.100.20, 198.51.100.21, 198.51.100.22 |

Your workspace's region is shown under **Settings → General**.

## Firewall rules

- Allow inbound TCP on your database port (for example 5432 or 3306) from these addresses only.
- Don't open your database to the whole internet.
- If your database is in a private network, use an **SSH tunnel** or ask about **private link** on the Enterprise plan.

## Will these change?

We announce any new address at least **30 days** in advance by email to workspace admins and on our [status page](https://status.globex.example). The current list is always on the [network docs](https://docs.globex.example/security/ip-addresses).`,
    },
    {
      slug: "comparing-plans",
      title: "Comparing plans",
      excerpt: "What Starter, Growth, Business and Enterprise include, and how to upgrade.",
      categorySlug: "billing-plans",
      status: "published",
      daysAgo: 300,
      body: `All plans include unlimited dashboards and viewers. You pay for **editor seats** — people who build dashboards.

## Plans at a glance

| | Starter | Growth | Business | Enterprise |
| --- | --- | --- | --- | --- |
| Price per editor seat / month | £19 | £39 | £69 | Custom |
| Data sources | 3 | 10 | Unlimited | Unlimited |
| Fastest sync | 24 hours | 6 hours | 1 hour | 15 minutes |
| Single sign-on (SAML) | — | — | ✓ | ✓ |
| Audit log | — | — | ✓ | ✓ |

Prices exclude VAT. Paying annually saves two months.

## Upgrading

Admins can upgrade at any time under **Settings → Billing → Change plan**. The upgrade is immediate, and you pay a prorated amount for the rest of your billing period.

## Downgrading

A downgrade takes effect at the end of your billing period. If you use more than the lower plan allows (for example, more data sources), we'll tell you what to remove first.

## Enterprise

For custom contracts, invoicing, private link or a dedicated region, [talk to our sales team](https://globex.example/contact-sales).`,
    },
    {
      slug: "adding-or-removing-seats",
      title: "Adding or removing seats",
      excerpt: "Add editor seats mid-term, remove unused ones, and how prorating works.",
      categorySlug: "billing-plans",
      status: "published",
      daysAgo: 180,
      body: `Your subscription includes a number of **editor seats**. Viewers are free and unlimited.

## Add seats

1. Go to **Settings → Billing → Seats**.
2. Select **Add seats** and choose how many.
3. Confirm. You're charged a **prorated** amount for the rest of the current billing period, then the full amount on renewal.

Inviting an editor when all seats are in use adds a seat automatically if your admin has turned on **auto-add seats**.

## Remove seats

1. First change unused editors to viewers, or remove them, under **Settings → Members**.
2. Then go to **Settings → Billing → Seats → Remove seats**.

Removed seats stay available until the end of the billing period, and your next invoice is lower. We don't refund part-used periods.

## Starting seats on a later date

Annual and Enterprise customers can schedule extra seats to start on a future date, such as when a new team joins. Contact billing@globex.example.`,
    },
    {
      slug: "invoices-and-vat",
      title: "Downloading invoices and adding a VAT number",
      excerpt: "Find past invoices, change your billing details and add a VAT or tax ID.",
      categorySlug: "billing-plans",
      status: "published",
      daysAgo: 170,
      body: `Only workspace **owners** and **billing admins** can see invoices and billing details.

## Download an invoice

1. Go to **Settings → Billing → Invoices**.
2. Select an invoice number (they start with **INV-**) to download a PDF.

Every invoice is also emailed to your billing contact when it's issued.

## Add a VAT number

If your organisation is VAT-registered in the UK or EU, add your VAT number so we can apply the correct tax treatment:

1. Go to **Settings → Billing → Billing details**.
2. Enter your VAT number with its country prefix, for example **GB123456789**.
3. We check it automatically. Valid EU numbers outside the UK are invoiced under the reverse charge.

VAT numbers apply to future invoices. We can reissue invoices from the last 30 days with your VAT number on request.

## Change the company name or address

Edit them in **Billing details**; changes apply to the next invoice. To receive invoices at a different address, such as accounts@yourcompany.example, change the **billing email**.

## Paying by bank transfer

Annual plans can pay by invoice and bank transfer. See the [billing FAQ](https://globex.example/billing-faq).`,
    },
    {
      slug: "updating-your-payment-card",
      title: "Updating your payment card",
      excerpt:
        "Change the card your subscription is charged to, and what happens if a payment fails.",
      categorySlug: "billing-plans",
      status: "published",
      daysAgo: 120,
      body: `You can change your card at any time without interrupting your subscription.

## Change your card

1. Go to **Settings → Billing → Payment method**.
2. Select **Update card** and enter the new card's details.
3. Your bank may ask you to confirm with a code or in its app (3-D Secure).

The new card is used from the next payment. If a payment has failed, we retry it on the new card straight away.

## When a payment fails

- We email your billing contact and retry **3 times over 7 days**.
- Your workspace keeps working during this time.
- After the last retry, the workspace becomes read-only until the balance is paid. Nothing is deleted.

## Common reasons a card is declined

- The card has expired or was replaced by your bank.
- Your bank blocked a payment to an overseas company. Globex charges from the UK.
- A spending limit on a company card.

Card details are stored by our PCI-compliant payment processor, never on Globex servers.`,
    },
    {
      slug: "cancelling-your-subscription",
      title: "Cancelling your subscription",
      excerpt: "How to cancel, what happens to your data, and how to export it first.",
      categorySlug: "billing-plans",
      status: "published",
      daysAgo: 140,
      body: `We're sorry to see you go. Only the workspace **owner** can cancel.

## Before you cancel

- Export anything you want to keep: see *Exporting data to CSV or Excel*.
- Download past invoices from **Settings → Billing → Invoices**.
- Consider **downgrading** to Starter instead, to keep your dashboards at a lower price.

## How to cancel

1. Go to **Settings → Billing → Subscription**.
2. Select **Cancel subscription**.
3. Tell us why (optional, but it helps us improve), then confirm.

## What happens next

- Your workspace stays fully usable until the **end of the billing period** you've paid for.
- After that, it becomes read-only for 30 days, so you can still export.
- After 30 days, your dashboards, connections and cached data are deleted permanently. Data in your own databases is never touched.

We don't refund part-used periods, except where required by law.

## Changed your mind?

Select **Reactivate** under **Subscription** any time before the workspace is deleted, and everything is just as you left it.`,
    },
    {
      slug: "creating-and-rotating-api-keys",
      title: "Creating and rotating API keys",
      excerpt: "Create an API key with the right scopes, use it, and rotate it safely.",
      categorySlug: "security-api",
      status: "published",
      daysAgo: 200,
      body: `API keys let scripts and integrations use the Globex API on behalf of your workspace.

## Create an API key

1. Go to **Settings → API keys → New key**.
2. Name it after what uses it, such as *Nightly export job*.
3. Choose its **scopes** — only what it needs, for example \`dashboards:read\` and \`exports:create\`.
4. Optionally set an expiry date.
5. Copy the key. It's shown **only once**.

## Use the key

Send it as a bearer token:

\`\`\`bash
curl https://api.globex.example/v2/dashboards \\
  -H "Authorization: Bearer gbx_live_..."
\`\`\`

## Rotate a key

1. Create a new key with the same scopes.
2. Update your integration to use it.
3. Check the old key's **Last used** time stops changing, then select **Revoke**.

Revoked keys stop working immediately.

## Keep keys safe

Never put a key in client-side code or a public repository. If a key leaks, revoke it straight away. See the [API authentication docs](https://docs.globex.example/api/authentication).`,
    },
    {
      slug: "api-rate-limits",
      title: "API rate limits",
      excerpt: "How many API requests you can make, and how to handle a 429 response.",
      categorySlug: "security-api",
      status: "published",
      daysAgo: 110,
      body: `The Globex API limits how many requests each workspace can make, so one busy integration can't slow everyone down.

## Limits by plan

| Plan | Requests per minute |
| --- | --- |
| Starter | 60 |
| Growth | 300 |
| Business | 1,000 |
| Enterprise | Custom |

Limits apply per workspace, across all its API keys. Export endpoints have a separate limit of 10 running exports.

## Response headers

Every response tells you where you stand:

- \`X-RateLimit-Limit\`: your limit per minute
- \`X-RateLimit-Remaining\`: requests left this minute
- \`Retry-After\`: on a **429 Too Many Requests** response, seconds to wait

## Handling 429 errors

1. Wait for the number of seconds in \`Retry-After\`.
2. Retry with exponential backoff if you get another 429.
3. Spread scheduled jobs out instead of running them all on the hour.

## Need more?

Use webhooks instead of polling, request larger pages, or contact us about an Enterprise limit. See the [API reference](https://docs.globex.example/api/rate-limits).`,
    },
    {
      slug: "setting-up-single-sign-on",
      title: "Setting up single sign-on (SAML SSO)",
      excerpt: "Let your team sign in with your identity provider using SAML 2.0 and SCIM.",
      categorySlug: "security-api",
      status: "published",
      daysAgo: 265,
      body: `Single sign-on (SSO) is available on the Business and Enterprise plans. Globex supports **SAML 2.0** with any standard identity provider.

## Set up SAML

1. In Globex, go to **Settings → Security → Single sign-on**.
2. Copy the **ACS URL** and **Entity ID** shown there.
3. In your identity provider, create a new SAML application with those values. Send the user's email address as the *NameID*.
4. Back in Globex, paste your provider's **metadata URL**, or upload its metadata XML.
5. Select **Test SSO** and sign in with your own account.

## Enforce SSO

Once the test works, turn on **Require SSO**. Members then have to sign in through your identity provider. Owners can still sign in with a password and two-factor authentication, so you can't be locked out.

## Automatic provisioning (SCIM)

Enterprise workspaces can use **SCIM** to create, update and deactivate members automatically when they join or leave your organisation. Generate a SCIM token under **Single sign-on → Provisioning**.

Setup guides for common providers are in the [SSO docs](https://docs.globex.example/security/sso).`,
    },
    {
      slug: "two-factor-authentication",
      title: "Turning on two-factor authentication",
      excerpt: "Protect your Globex login with an authenticator app, and require 2FA for everyone.",
      categorySlug: "security-api",
      status: "published",
      daysAgo: 235,
      body: `Two-factor authentication (2FA) asks for a code from your phone as well as your password when you sign in.

## Turn on 2FA for your account

1. Select your avatar, then **Account → Security**.
2. Select **Set up two-factor authentication**.
3. Scan the QR code with an authenticator app.
4. Enter the 6-digit code to confirm.
5. Save your **recovery codes** somewhere safe, such as a password manager.

## Lost your phone?

Sign in with one of your recovery codes, then set up 2FA on your new phone. No recovery codes? A workspace admin can reset your 2FA from **Settings → Members**.

## Require 2FA for everyone

Admins can make 2FA mandatory under **Settings → Security → Require two-factor authentication**. Members without it are asked to set it up the next time they sign in.

Workspaces using single sign-on manage this in their identity provider instead. Read more in our [security overview](https://globex.example/security).`,
    },
    {
      slug: "roles-and-permissions",
      title: "Workspace roles and permissions",
      excerpt: "What owners, admins, editors and viewers can do in a Globex workspace.",
      categorySlug: "security-api",
      status: "published",
      daysAgo: 250,
      body: `Every member of a workspace has one role. Change it under **Settings → Members**.

## Roles

| Role | Can do |
| --- | --- |
| Owner | Everything, including billing and deleting the workspace |
| Admin | Manage members, data sources, security settings and API keys |
| Editor | Build and edit dashboards, add tiles, schedule reports |
| Viewer | View dashboards shared with them, change filters, export data |

Only **editors**, admins and owners use a paid seat. Viewers are free.

## Data permissions

Roles decide what someone can *do*. What data they can *see* is set per data source:

- **Data source access:** which roles or groups can build tiles from a source.
- **Row-level filters:** for example, a sales rep sees only their own region's rows.

## Groups

Create groups (such as *Finance* or *EMEA Sales*) to share dashboards and data sources with many people at once. With SCIM, groups come from your identity provider.

## Transferring ownership

An owner can make another admin the owner under **Settings → Members**. Read the [permissions guide](https://docs.globex.example/security/roles).`,
    },
    {
      slug: "webhooks",
      title: "Receiving webhooks from Globex",
      excerpt:
        "Get notified in your own systems when an alert fires, a sync fails or an export is ready.",
      categorySlug: "security-api",
      status: "published",
      daysAgo: 95,
      body: `Webhooks send an HTTPS request to your endpoint when something happens in your workspace, so you don't have to poll the API.

## Events

- \`alert.triggered\`: a metric alert crossed its threshold
- \`sync.failed\` and \`sync.succeeded\`
- \`export.ready\`: a large export is ready to download

## Add an endpoint

1. Go to **Settings → API keys → Webhooks → Add endpoint**.
2. Enter your HTTPS URL and choose the events.
3. Copy the **signing secret**.

## Verify the signature

Each request has a \`Globex-Signature\` header: an HMAC-SHA256 of the raw body with your signing secret. Compare it before trusting the payload:

\`\`\`ts
const expected = createHmac("sha256", secret).update(rawBody).digest("hex");
\`\`\`

## Retries

Respond with a 2xx status within 10 seconds. Otherwise we retry up to 8 times over 24 hours, then mark the delivery as failed. The **Deliveries** tab shows every attempt. See the [webhook docs](https://docs.globex.example/api/webhooks).`,
    },
    {
      slug: "api-v3-migration-guide",
      title: "Migrating to API v3 (preview)",
      excerpt: "What changes in version 3 of the Globex API and how to move your integration.",
      categorySlug: "security-api",
      status: "draft",
      daysAgo: 4,
      body: `Version 3 of the Globex API is in preview. Version 2 keeps working until at least the end of next year.

## What's changing

- Cursor-based pagination everywhere, replacing \`page\` and \`per_page\`.
- Timestamps always in UTC, in ISO 8601 format.
- Tiles are called **widgets** in the API, to match the new editor.

## Migrating

1. Create a new API key with v3 scopes.
2. Change the base URL to \`https://api.globex.example/v3\`.
3. Update pagination loops to follow \`next_cursor\`.

Draft note: add the full endpoint mapping table before publishing.`,
    },
  ],
};

/** Initech IT, an internal helpdesk: passwords, VPN, laptops, printers, email, software, onboarding. */
const initech: KbTenantSpec = {
  tenant: "initech",
  categories: [
    {
      slug: "accounts-onboarding",
      name: "Accounts, Passwords & Onboarding",
      description: "Passwords, multi-factor authentication, access requests and your first day.",
      position: 1,
    },
    {
      slug: "vpn-network",
      name: "VPN & Network",
      description: "Working from home, Wi-Fi in the office and shared drives.",
      position: 2,
    },
    {
      slug: "hardware-printers",
      name: "Laptops, Hardware & Printers",
      description: "Requesting equipment, docking stations, printers and fixing a laptop.",
      position: 3,
    },
    {
      slug: "email-software",
      name: "Email, Calendar & Software",
      description: "Outlook, Teams, meeting rooms and installing software.",
      position: 4,
    },
  ],
  articles: [
    {
      slug: "resetting-your-windows-password",
      title: "Resetting your Windows password",
      excerpt: "Change or reset your Initech password yourself, even if you've forgotten it.",
      categorySlug: "accounts-onboarding",
      status: "published",
      daysAgo: 320,
      body: `Your Windows password is also your password for email, the VPN, Wi-Fi and most company apps. It expires every **90 days**.

## Change it (you know your current password)

1. Press **Ctrl + Alt + Delete** and select **Change a password**.
2. Enter your old password, then the new one twice.

## Reset it (you forgot it)

1. Go to the [password portal](https://password.initech.example) from any device, including your phone.
2. Enter your username (first initial and last name, for example *mbolton*).
3. Approve the request in your authenticator app, or enter the code sent to your mobile number.
4. Choose a new password.

## Password rules

- At least **14 characters**. A short phrase is easier to remember than a jumble of symbols.
- Not one of your last 10 passwords.
- Not your name or username.

## After changing your password

- Connect to the office network or VPN within a few minutes so your laptop learns the new password.
- Update it on your phone's email app.
- If Outlook keeps asking for your password, see *Outlook keeps asking for my password*.

Still stuck? Call the helpdesk at **ext. 4357** (HELP).`,
    },
    {
      slug: "locked-out-of-my-account",
      title: "I'm locked out of my account",
      excerpt: "Why accounts lock after failed sign-ins, and how to unlock yours quickly.",
      categorySlug: "accounts-onboarding",
      status: "published",
      daysAgo: 300,
      body: `Your account locks for **15 minutes** after 10 wrong passwords in a row. This protects you from someone guessing your password.

## Unlock it yourself

1. Go to the [password portal](https://password.initech.example).
2. Select **Unlock my account** and verify with your authenticator app.
3. Sign in again. There's no need to change your password unless you've forgotten it.

Or simply wait 15 minutes and try again, carefully.

## Why does my account keep locking?

Usually an old password saved somewhere keeps trying to sign in for you:

- Email on your phone or tablet
- A mapped drive or saved Wi-Fi network on your laptop
- The VPN client's saved credentials
- Windows Credential Manager

Update the password in each of these after you change it.

## Locked out of a specific app?

Some apps (Jira, SAP, Salesforce) have their own lockouts. [Open a ticket](https://helpdesk.initech.example/new) naming the app and we'll unlock it, usually within an hour. We'll ask for your employee ID to verify it's you.`,
    },
    {
      slug: "setting-up-multi-factor-authentication",
      title: "Setting up multi-factor authentication (MFA)",
      excerpt: "Register the authenticator app on your phone so you can approve sign-ins.",
      categorySlug: "accounts-onboarding",
      status: "published",
      daysAgo: 310,
      body: `Multi-factor authentication (MFA) means signing in takes your password **and** an approval on your phone. It's required for email, the VPN and every company app outside the office.

## Set up MFA

1. On your phone, install the company-approved authenticator app from your app store. The [setup page](https://mfa.initech.example) links to it.
2. On your computer, go to the [setup page](https://mfa.initech.example) and sign in.
3. Select **Add method → Authenticator app** and scan the QR code with your phone.
4. Approve the test notification.

## Backup method

Add your mobile number as a second method, so you can get a text message code if the app isn't working.

## Tips

- Only approve a sign-in request if **you** just tried to sign in. An unexpected request means someone knows your password: deny it and call the helpdesk at ext. 4357.
- Number matching: type the number shown on your screen into the app.

Getting a new phone? See *Moving your authenticator to a new phone* **before** you wipe the old one.`,
    },
    {
      slug: "moving-authenticator-to-a-new-phone",
      title: "Moving your authenticator to a new phone",
      excerpt: "Move MFA to a new phone, or get it reset if your old phone is lost or wiped.",
      categorySlug: "accounts-onboarding",
      status: "published",
      daysAgo: 180,
      body: `Your authenticator is tied to your phone. Move it **before** you wipe or trade in your old one.

## You still have your old phone

1. Install the authenticator app on your new phone.
2. On your computer, go to the [MFA setup page](https://mfa.initech.example) and sign in, approving on your **old** phone.
3. Select **Add method → Authenticator app** and scan the QR code with your **new** phone.
4. Set the new phone as your **default** method.
5. Delete the old phone from the list.

## Your old phone is lost, broken or wiped

You'll need an MFA reset. For security, we can't do this by email or chat:

1. Call the helpdesk at **ext. 4357** from your desk phone, or visit the IT desk on the 2nd floor with your badge.
2. We verify who you are and reset your MFA.
3. At your next sign-in, you'll be asked to register the new phone.

## Lost a company phone?

Report it right away. We'll lock and wipe it remotely to protect company data.`,
    },
    {
      slug: "new-hire-it-checklist",
      title: "New hire IT checklist: your first day",
      excerpt: "Everything to set up on your first day: laptop, password, MFA, email and VPN.",
      categorySlug: "accounts-onboarding",
      status: "published",
      daysAgo: 290,
      body: `Welcome to Initech! Your manager requested your laptop and accounts before you started. Here's what to do on day one.

## Your first morning

- [ ] Pick up your laptop and badge at the IT desk (2nd floor, 9–11 am).
- [ ] Sign in with the temporary password in your welcome letter.
- [ ] Choose your own password when asked (at least 14 characters).
- [ ] Set up multi-factor authentication on your phone.

## Before lunch

- [ ] Open Outlook and check your email and calendar.
- [ ] Sign in to Teams and say hello to your team.
- [ ] Connect to the VPN once, so it's ready when you work from home.
- [ ] Set up your printer; see *Adding a printer to your computer*.

## In your first week

- [ ] Complete the security awareness training (link in your inbox, about 30 minutes).
- [ ] Request any extra software from the [Software Portal](https://software.initech.example).
- [ ] Ask your manager to request access to your team's shared folders.

## Who to ask

The helpdesk is open 7 am to 7 pm, Monday to Friday: call ext. **4357**, or [open a ticket](https://helpdesk.initech.example/new).`,
    },
    {
      slug: "requesting-access-to-a-shared-folder",
      title: "Requesting access to a shared folder",
      excerpt: "Get access to a team's shared folder or drive, with the owner's approval.",
      categorySlug: "accounts-onboarding",
      status: "published",
      daysAgo: 140,
      body: `Every shared folder has an **owner** who approves who can see it. IT grants the access once they approve.

## Request access

1. [Open an access request](https://helpdesk.initech.example/new?type=access).
2. Enter the folder's path, for example \`S:\\Finance\\Budget\`.
3. Choose **Read** (view only) or **Read & write** (edit and add files).
4. Say why you need it, such as "Moved to the FP&A team."

We send the request to the folder's owner. Once they approve, access is usually set up the **same day**.

## After it's approved

Sign out of Windows and back in (or restart) so your computer picks up the new access. Over the VPN, disconnect and reconnect.

## Don't know the path?

Ask a colleague who already uses the folder to copy the path from the address bar in File Explorer.

## Moving teams?

Your new manager can request all the usual folders and apps for your role at once with the **Role change** form. Access you no longer need is removed after 30 days.`,
    },
    {
      slug: "reporting-a-phishing-email",
      title: "How do I report a phishing email?",
      excerpt:
        "Spot suspicious email, report it with one click, and what to do if you clicked a link.",
      categorySlug: "accounts-onboarding",
      status: "published",
      daysAgo: 100,
      body: `Phishing emails pretend to be from someone you trust, to get your password or make you open a harmful file.

## Warning signs

- Urgency: "Your mailbox will be deleted today."
- Asks for your password. **IT will never ask for your password by email.**
- The sender's address doesn't match the name, or comes from outside Initech (look for the **[EXTERNAL]** tag).
- Links that go somewhere unexpected: hover over them to see the real address.

## Report it

In Outlook, select the email and choose **Report → Phishing**. This sends it to the security team and removes it from your inbox.

Don't forward it to colleagues to ask if it's real.

## Clicked a link or entered your password?

Act fast — it's not your fault, and speed matters:

1. Change your password right away on the [password portal](https://password.initech.example).
2. Call the helpdesk at **ext. 4357** and say you entered your password on a phishing page.
3. If you opened an attachment, disconnect from Wi-Fi and leave your laptop on for us.`,
    },
    {
      slug: "connecting-to-the-vpn",
      title: "Connecting to the VPN from home",
      excerpt: "Install and use Initech Connect to reach company systems when you work remotely.",
      categorySlug: "vpn-network",
      status: "published",
      daysAgo: 330,
      body: `The VPN (Initech Connect) links your laptop to the company network when you work from home or travel. You need it for shared drives, the intranet and some internal apps. Email and Teams work without it.

## Connect

1. Select the **Initech Connect** icon in the taskbar (bottom right).
2. Select **Connect**. The gateway is \`vpn.initech.example\`.
3. Sign in with your usual Windows username and password.
4. Approve the request in your authenticator app.

The icon turns green when you're connected.

## Tips for remote work

- Connect once at the start of the day; the VPN reconnects by itself after sleep.
- Hotel or café Wi-Fi: open a browser and accept the Wi-Fi terms page **before** connecting the VPN.
- Slow connection? Video calls go straight to the internet, not through the VPN, so turning it off won't speed them up.

## Not installed?

Company laptops come with Initech Connect. If it's missing, install it from the [Software Portal](https://software.initech.example) while in the office.

Trouble connecting? See *VPN says "authentication failed"*.`,
    },
    {
      slug: "vpn-authentication-failed",
      title: 'VPN says "authentication failed"',
      excerpt: "Fix VPN sign-in errors caused by expired or cached passwords and MFA problems.",
      categorySlug: "vpn-network",
      status: "published",
      daysAgo: 210,
      body: `If Initech Connect says **authentication failed** or keeps asking you to sign in, work through these steps.

## 1. Did your password just change or expire?

The VPN uses your Windows password. After a password change, the client may still try the **old, saved password**:

1. Open Initech Connect and select **Settings → Sign out**.
2. Select **Clear saved credentials**.
3. Connect again and type your new password.

If your password expired while you were away from the office, reset it on the [password portal](https://password.initech.example) first.

## 2. No MFA prompt arrived?

- Open the authenticator app on your phone: the request may be waiting there.
- Check your phone has a connection and the right date and time.

## 3. Is your account locked?

Ten failed attempts lock your account for 15 minutes. See *I'm locked out of my account*.

## 4. Other errors

- *Gateway unreachable*: check you're online, then try the backup gateway \`vpn2.initech.example\`.
- *Certificate error*: your laptop needs to be in the office once a year to renew its certificate.

Still failing? Call ext. **4357**, and have the error message ready.`,
    },
    {
      slug: "s-drive-missing",
      title: "My S: drive is missing",
      excerpt: "Get your shared S: drive back when it doesn't show up in File Explorer.",
      categorySlug: "vpn-network",
      status: "published",
      daysAgo: 170,
      body: `The **S: drive** (shared drive) is connected by a script when you sign in. If it's missing from File Explorer, it usually means the script ran before your network was ready.

## At home

1. Connect to the VPN first.
2. Double-click the **Reconnect drives** shortcut on your desktop.

## In the office

Sign out of Windows and back in. If that doesn't work, restart your laptop while plugged into the network.

## Map it by hand

1. Open **File Explorer** and select **This PC**.
2. Select **⋯ → Map network drive**.
3. Choose drive letter **S:** and the folder \`\\\\files.initech.example\\shared\`.
4. Tick **Reconnect at sign-in** and select **Finish**.

## The drive is there but a folder is empty or says "access denied"

You may not have access to that folder. See *Requesting access to a shared folder*.

## Need a file urgently?

Many team folders are also synced to OneDrive. Check your team's channel in Teams under the **Files** tab.`,
    },
    {
      slug: "office-wi-fi",
      title: "Connecting to office Wi-Fi and guest Wi-Fi",
      excerpt: "Which Wi-Fi network to use in the office, for visitors and for personal phones.",
      categorySlug: "vpn-network",
      status: "published",
      daysAgo: 260,
      body: `There are three Wi-Fi networks in our offices.

| Network | For | How to join |
| --- | --- | --- |
| **INITECH** | Company laptops | Automatic, no password needed |
| **INITECH-BYOD** | Your personal phone or tablet | Your Windows username and password |
| **INITECH-GUEST** | Visitors | Daily code from reception |

## Company laptop not connecting?

1. Turn Wi-Fi off and on again.
2. Select **INITECH → Forget**, then restart. Your laptop reconnects automatically.
3. Plug in a network cable if there's one at your desk, and let us know.

## Wi-Fi keeps dropping in a meeting room?

Tell us the room name and the time it happened. We can match it against the access point's logs. [Report a Wi-Fi problem](https://helpdesk.initech.example/new?type=wifi).

## Guests

Guest Wi-Fi is separate from the company network, so guests can't reach shared drives or printers. Codes change every day at midnight.`,
    },
    {
      slug: "requesting-a-new-laptop",
      title: "Requesting a new laptop or hardware",
      excerpt: "Ask for a replacement laptop, monitor, headset or other equipment.",
      categorySlug: "hardware-printers",
      status: "published",
      daysAgo: 280,
      body: `Laptops are replaced every **4 years**. You can ask for other equipment at any time.

## What you can request

| Item | Approval needed |
| --- | --- |
| Headset, mouse, keyboard | None |
| Second monitor or docking station | None |
| Replacement laptop (under 4 years old) | Manager |
| Different laptop model | Manager and IT |
| Mobile phone | Manager and Finance |

## How to request hardware

1. Go to the [hardware catalog](https://helpdesk.initech.example/catalog).
2. Pick the item, and add your desk location or home address for remote staff.
3. If approval is needed, your manager gets an email automatically.

Stock items arrive in **2–3 business days**; laptops take up to 2 weeks.

## Replacing a broken laptop

If your laptop is broken, don't order a new one: [open a ticket](https://helpdesk.initech.example/new) and we'll lend you a spare the same day while we repair yours.

## Returning old equipment

Bring old laptops to the IT desk. Never throw away or sell company equipment: it may hold company data.`,
    },
    {
      slug: "adding-a-printer",
      title: "Adding a printer to your computer",
      excerpt: "Set up the office printers, print from anywhere with Follow-Me printing, and scan.",
      categorySlug: "hardware-printers",
      status: "published",
      daysAgo: 275,
      body: `Office printing uses **Follow-Me printing**: you send a job to one queue and release it at any printer with your badge.

## Add the printer (Windows)

1. Open **Settings → Bluetooth & devices → Printers & scanners**.
2. Select **Add device** and choose **FollowMe on print.initech.example**.
3. If it isn't listed, select **Add manually** and enter \`\\\\print.initech.example\\FollowMe\`.

## Print and release

1. Print as usual to **FollowMe**.
2. At any printer, tap your badge on the reader.
3. Select your job and **Print**. Jobs you don't release within 24 hours are deleted.

## Scanning

Tap your badge, select **Scan to me**, and the scan arrives in your email as a PDF.

## Mac

Go to **System Settings → Printers & Scanners → Add printer**, and choose **FollowMe** from the list.

## Problems

- Badge not recognized? Register it once at any printer using your Windows username and password.
- Printer jammed, out of toner or showing an error? See *Printer says PC LOAD LETTER (and other errors)*.`,
    },
    {
      slug: "printer-errors-pc-load-letter",
      title: "Printer says PC LOAD LETTER (and other errors)",
      excerpt: "What common printer error messages mean and how to fix them yourself.",
      categorySlug: "hardware-printers",
      status: "published",
      daysAgo: 90,
      body: `Most printer errors can be fixed in a minute without calling us.

## Common printer error messages

| Message | Meaning | Fix |
| --- | --- | --- |
| PC LOAD LETTER | The tray for letter-size paper is empty | Fill tray 2 with letter paper |
| Paper jam | Paper is stuck | Open the doors shown on the screen and gently pull the sheet out |
| Toner low | Toner is running out | Spare toner is in the supply cabinet next to each printer |
| Size mismatch | Your document is A4, the tray has letter | Print again with **Letter** paper size |

## Tray is full but it still says PC LOAD LETTER

The tray's size guide may be set to the wrong paper. Pull the tray out, slide the paper guides snugly against the stack, and push it back in firmly.

## Job stuck in the queue

Open **Printers & scanners → FollowMe → Open print queue**, cancel the job, and print again.

## Still broken?

Put an *Out of order* sign on it and [report it](https://helpdesk.initech.example/new?type=printer) with the printer's name (on the sticker on the front). Please don't hit the printer.`,
    },
    {
      slug: "docking-station-and-monitors",
      title: "Setting up your docking station and two monitors",
      excerpt: "Connect a docking station, a second monitor, and fix a screen that says no signal.",
      categorySlug: "hardware-printers",
      status: "published",
      daysAgo: 130,
      body: `Every desk has a docking station: one USB-C cable to your laptop connects power, network, monitors, keyboard and mouse.

## Connect

1. Plug the dock's **USB-C** cable into the port on your laptop marked with a lightning bolt or display icon.
2. Connect each monitor to the dock.

## Which ports to use

Our docks have **one HDMI** and **two DisplayPort** outputs. For two monitors, use at least one DisplayPort cable. Two screens on the HDMI port won't work.

## Second monitor says "no signal"

1. Check the cable is in a DisplayPort output on the dock, not a second HDMI adapter.
2. Press **Windows + P** and choose **Extend**.
3. Open **Settings → System → Display** and select **Detect**.
4. Unplug the dock from your laptop for 10 seconds and plug it back in.

Need a DisplayPort cable? Ask at the IT desk or request one in the [hardware catalog](https://helpdesk.initech.example/catalog).

## Arranging screens

In **Display** settings, drag the screens so they match where they sit on your desk, and choose your main display.`,
    },
    {
      slug: "laptop-wont-start-after-update",
      title: "My laptop won't start after an update",
      excerpt: "What to try when your laptop shows a black screen or won't boot after updates.",
      categorySlug: "hardware-printers",
      status: "published",
      daysAgo: 80,
      body: `Updates install overnight. Occasionally a laptop won't start properly afterwards. Your files are almost always safe.

## Try these first

1. **Plug in the charger.** An update on a low battery can stop halfway.
2. **Hard restart:** hold the power button for 10 seconds until it switches off, wait a moment, then start it again.
3. **Undock:** disconnect the docking station and any USB devices, then restart.

## Black screen with a blinking cursor

Hold the power button for 10 seconds, start it again, and let it sit for 15 minutes: it may be finishing the update.

## Blue screen or "Automatic Repair"

Select **Advanced options → Continue to Windows**. If that fails, don't choose **Reset this PC**: that can remove your files.

## Still won't boot?

Call ext. **4357** from a desk phone or a colleague's computer, with your laptop's asset tag (the **IT-** sticker underneath). We can often repair it remotely, or we'll lend you a spare laptop the same day.

Your documents are synced to OneDrive, so you can keep working from the [web portal](https://portal.initech.example) on any computer.`,
    },
    {
      slug: "freeing-up-disk-space",
      title: "Freeing up disk space on your laptop",
      excerpt: "Clear space when your laptop says the disk is almost full and everything is slow.",
      categorySlug: "hardware-printers",
      status: "published",
      daysAgo: 60,
      body: `When the disk is almost full, your laptop slows down and updates fail. Here's how to free up space safely.

## Find what's taking space

Open **Settings → System → Storage**. It lists what's using the disk, largest first.

## Quick wins

- **Downloads folder:** old installers, videos and zip files. Delete what you don't need.
- **Recycle Bin:** empty it.
- **Temporary files:** in **Storage**, select **Temporary files → Remove files**.
- **Meeting recordings and videos:** move them to OneDrive or your team's shared folder.

## Turn on Storage Sense

In **Storage**, turn on **Storage Sense**, and set it to clear your Downloads folder after 60 days. It also frees space by keeping older OneDrive files online-only.

## Don't delete

- Anything in \`C:\\Windows\` or \`C:\\Program Files\`
- Files you don't recognize in system folders

## Still full?

If your laptop has a 256 GB disk and you work with large files, [request a replacement](https://helpdesk.initech.example/catalog) with a bigger disk. We'll ask your manager to approve it.`,
    },
    {
      slug: "installing-software",
      title: "Installing software from the Software Portal",
      excerpt: "Install approved apps yourself, and request licensed software that needs approval.",
      categorySlug: "email-software",
      status: "published",
      daysAgo: 295,
      body: `You can't install software with admin rights on company laptops, but the **Software Portal** lets you install approved apps yourself.

## Install an app

1. Open **Software Portal** from the Start menu, or go to the [Software Portal website](https://software.initech.example).
2. Search for the app.
3. Select **Install**. Most apps are ready in a few minutes.

## Licensed software

Some software costs money per user, such as diagram tools, PDF editors, project planning and data visualization apps. These show **Request** instead of **Install**:

1. Select **Request** and say what you need it for.
2. Your manager approves it by email.
3. Once approved, it installs automatically and appears in your Start menu.

Licensed software usually takes **1–2 business days**.

## Not in the portal?

[Request new software](https://helpdesk.initech.example/new?type=software) with a link to the vendor's site. Security reviews new software first, which takes about a week.

## Browser extensions

Only approved extensions can be added to company browsers. Ask through the same request form.`,
    },
    {
      slug: "outlook-keeps-asking-for-password",
      title: "Outlook keeps asking for my password",
      excerpt: "Stop repeated password prompts in Outlook after a password change.",
      categorySlug: "email-software",
      status: "published",
      daysAgo: 250,
      body: `If Outlook keeps asking for your password, it's almost always holding on to your **old** password after a change.

## Fix it

1. Close Outlook.
2. Open **Control Panel → Credential Manager → Windows Credentials**.
3. Remove every entry that mentions **MicrosoftOffice** or **outlook**.
4. Restart your laptop.
5. Open Outlook and sign in once with your current password.

## Still asking?

- Make sure you're connected to the office network or the VPN, so your laptop knows your new password.
- In Outlook, select **File → Office Account → Sign out**, then sign back in.
- Check your password hasn't expired: try signing in on the [web mail portal](https://mail.initech.example).

## On your phone

Your phone's mail app may also use the old password, and keep locking your account. Open the mail app's account settings and enter the new password, or remove the account and add it again.

If the prompts continue after all of this, call ext. **4357**.`,
    },
    {
      slug: "adding-a-shared-mailbox",
      title: "Adding a shared mailbox in Outlook",
      excerpt: "Open a team inbox such as payroll@ or facilities@ alongside your own email.",
      categorySlug: "email-software",
      status: "published",
      daysAgo: 220,
      body: `A shared mailbox is a team inbox, such as **facilities@initech.example**, that several people read and send from.

## Get access

The mailbox's owner (usually a team lead) approves access. [Request access](https://helpdesk.initech.example/new?type=access) and name the mailbox.

## It appears automatically

Once you have access, the shared mailbox shows up in Outlook's folder list within about an hour. Restart Outlook if it hasn't appeared.

## Add it by hand

1. Select **File → Account Settings → Account Settings**.
2. Double-click your account, then **More Settings → Advanced**.
3. Select **Add** and type the mailbox's address.

## Sending from the shared mailbox

1. In a new email, select **Options → From** to show the **From** field.
2. Choose the shared mailbox's address.

Replies go to the shared mailbox, not your own inbox. Sent items are saved in the shared mailbox's **Sent Items** folder.

## On the web

In the [web mail portal](https://mail.initech.example), right-click **Folders** and choose **Add shared folder or mailbox**.`,
    },
    {
      slug: "booking-a-meeting-room",
      title: "Booking a meeting room from your calendar",
      excerpt: "Find a free meeting room and book it with your meeting invitation.",
      categorySlug: "email-software",
      status: "published",
      daysAgo: 200,
      body: `Meeting rooms are booked like people: you invite the room to your meeting.

## Book a room in Outlook

1. Create a new meeting and add your attendees.
2. Select **Room Finder** (or **Location → Browse more rooms**).
3. Choose your building and floor. Rooms that are free at that time are listed.
4. Select a room, then **Send**.

The room accepts automatically if it's free. If you get a **Declined** reply, someone booked it first.

## Our rooms

| Room | Floor | Seats | Video call screen |
| --- | --- | --- | --- |
| Aspen | 2 | 4 | Yes |
| Birch | 2 | 8 | Yes |
| Sycamore | 3 | 12 | Yes |
| Main Boardroom | 4 | 20 | Yes, needs approval |

## Good habits

- Cancel the meeting, or remove the room, if you no longer need it, so others can book it.
- Rooms are released if nobody checks in on the door panel within 15 minutes.

## Room problems

Screen or video not working? [Report it](https://helpdesk.initech.example/new?type=room) with the room name.`,
    },
    {
      slug: "fixing-teams-call-audio",
      title: "Fixing choppy audio in Teams calls",
      excerpt: "What to do when your voice cuts out or sounds robotic in calls.",
      categorySlug: "email-software",
      status: "published",
      daysAgo: 150,
      body: `If people say your audio cuts out, or you "sound like a robot", it's usually the network or the headset.

## Quick checks

1. **Use the right device:** in Teams, select **⋯ → Settings → Devices**, and choose your company headset for both speaker and microphone.
2. **Plug in:** use a network cable if your desk has one. Wi-Fi in busy meeting rooms can be crowded.
3. **Close other apps** that use the network heavily, such as large downloads or cloud sync.
4. **Turn off your video** for a moment to see if the audio improves.

## Make a test call

In Teams, select **⋯ → Settings → Devices → Make a test call**. You'll hear your own voice played back.

## At home

- Sit closer to your router, or use a cable.
- The VPN isn't needed for calls, and calls skip it anyway.

## Keeps happening in the same meeting room?

Tell us the room name and the times. An overloaded Wi-Fi access point is a common cause, and we can fix it. [Report a call quality problem](https://helpdesk.initech.example/new?type=audio).`,
    },
    {
      slug: "setting-an-out-of-office-reply",
      title: "Setting an out-of-office reply",
      excerpt: "Turn on automatic replies in Outlook before your vacation.",
      categorySlug: "email-software",
      status: "published",
      daysAgo: 115,
      body: `Automatic replies let people know you're away and who to contact instead.

## In Outlook on your laptop

1. Select **File → Automatic Replies**.
2. Choose **Send automatic replies**.
3. Tick **Only send during this time range** and set your start and end dates.
4. Write your message on the **Inside My Organization** tab.
5. On **Outside My Organization**, write a shorter message for customers and suppliers.
6. Select **OK**.

## On the web or your phone

In the [web mail portal](https://mail.initech.example), select **Settings → Mail → Automatic replies**.

## A good out-of-office message

> I'm out of the office until Monday, June 9, with no access to email. For anything urgent, please contact Samir Nagheenanajar (samir@initech.example).

## Also

- Block the time in your calendar as **Out of office**, so colleagues can see it.
- Decline meetings that fall during your time off.
- Shared mailboxes need their own automatic reply, set by the mailbox's owner.`,
    },
    {
      slug: "windows-11-upgrade-schedule",
      title: "Windows 11 upgrade schedule",
      excerpt: "When your laptop will be upgraded to Windows 11, and how to prepare.",
      categorySlug: "hardware-printers",
      status: "draft",
      daysAgo: 2,
      body: `We're upgrading every company laptop to Windows 11, one department at a time.

## Schedule

| Department | Upgrade week |
| --- | --- |
| IT | Week 1 |
| Finance and Accounting | Week 2 |
| Software Engineering | Week 3 |
| Everyone else | Weeks 4–6 |

Draft: dates to be confirmed with department heads.

## How to prepare

- Make sure your files are in OneDrive or a shared drive.
- Leave your laptop on and plugged in overnight during your upgrade week.
- The upgrade takes about an hour; your apps and files stay where they are.`,
    },
  ],
};

/** Every demo tenant's knowledge base, in the order of DEMO_TENANTS. */
export const DEMO_KB: readonly KbTenantSpec[] = [acme, globex, initech];
