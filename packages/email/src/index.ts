// @supportdesk/email: the emails SupportDesk sends (templates) and how they leave (SMTP mailer).
export {
  createMailer,
  MailError,
  type Mailer,
  type MailerOptions,
  type OutgoingEmail,
  toMailError,
} from "./mailer";
export {
  type Brand,
  CSAT_LABELS,
  type EmailTemplate,
  type RenderedEmail,
  renderEmail,
  type TemplateData,
  type TemplateName,
  templateNames,
} from "./templates";
