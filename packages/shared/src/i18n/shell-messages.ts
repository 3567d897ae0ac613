import type { Locale } from './locales';

/**
 * The words of the web app's shell, around every page: the skip link, the line shown while a
 * page's code arrives, the last-resort error page, and the two pages with no interview behind
 * them (the site's front door and "page not found"). Every language is built into the shell, a
 * few hundred bytes, because the shell speaks before any page has loaded its catalogue, and the
 * front door and a wrong address have no interview to take a language from. Plain text with
 * `{name}` slots, no ICU plurals: the shell fills them without a message formatter.
 */
export const shellEn = {
  'shell.skip': 'Skip to content',
  'shell.loading': 'Loading…',
  'shell.error.heading': 'Something went wrong',
  'shell.error.text': 'The page failed to load.',
  'shell.error.reload': 'Reload the page',
  'shell.home.heading': 'Interview booking',
  'shell.home.text': 'To book or change an interview, open the link in your invitation email.',
  'shell.home.hr': 'Recruiters: {link}.',
  'shell.home.signIn': 'sign in to the HR console',
  'shell.notFound.heading': 'Page not found',
  'shell.notFound.text': "There's nothing at this address. If you're booking an interview, open the link in your invitation email.",
};

export type ShellCatalogue = Record<keyof typeof shellEn, string>;
export type ShellKey = keyof ShellCatalogue;

export const SHELL_CATALOGUES: Record<Locale, ShellCatalogue> = {
  en: shellEn,
  de: {
    'shell.skip': 'Zum Inhalt springen',
    'shell.loading': 'Wird geladen…',
    'shell.error.heading': 'Etwas ist schiefgelaufen',
    'shell.error.text': 'Die Seite konnte nicht geladen werden.',
    'shell.error.reload': 'Seite neu laden',
    'shell.home.heading': 'Interviewbuchung',
    'shell.home.text': 'Um ein Interview zu buchen oder zu ändern, öffnen Sie den Link in Ihrer Einladungs-E-Mail.',
    'shell.home.hr': 'Recruiting-Team: {link}.',
    'shell.home.signIn': 'bei der HR-Konsole anmelden',
    'shell.notFound.heading': 'Seite nicht gefunden',
    'shell.notFound.text': 'Unter dieser Adresse gibt es nichts. Wenn Sie ein Interview buchen, öffnen Sie den Link in Ihrer Einladungs-E-Mail.',
  },
  es: {
    'shell.skip': 'Saltar al contenido',
    'shell.loading': 'Cargando…',
    'shell.error.heading': 'Algo salió mal',
    'shell.error.text': 'No se pudo cargar la página.',
    'shell.error.reload': 'Volver a cargar la página',
    'shell.home.heading': 'Reserva de entrevistas',
    'shell.home.text': 'Para reservar o cambiar una entrevista, abra el enlace de su correo de invitación.',
    'shell.home.hr': 'Equipo de selección: {link}.',
    'shell.home.signIn': 'inicie sesión en la consola de RR. HH.',
    'shell.notFound.heading': 'Página no encontrada',
    'shell.notFound.text': 'No hay nada en esta dirección. Si está reservando una entrevista, abra el enlace de su correo de invitación.',
  },
  fr: {
    'shell.skip': 'Aller au contenu',
    'shell.loading': 'Chargement…',
    'shell.error.heading': 'Une erreur est survenue',
    'shell.error.text': 'La page n’a pas pu être chargée.',
    'shell.error.reload': 'Recharger la page',
    'shell.home.heading': 'Réservation d’entretiens',
    'shell.home.text': 'Pour réserver ou modifier un entretien, ouvrez le lien de votre e-mail d’invitation.',
    'shell.home.hr': 'Recruteurs : {link}.',
    'shell.home.signIn': 'connectez-vous à la console RH',
    'shell.notFound.heading': 'Page introuvable',
    'shell.notFound.text': 'Il n’y a rien à cette adresse. Si vous réservez un entretien, ouvrez le lien de votre e-mail d’invitation.',
  },
  'pt-BR': {
    'shell.skip': 'Pular para o conteúdo',
    'shell.loading': 'Carregando…',
    'shell.error.heading': 'Algo deu errado',
    'shell.error.text': 'Não foi possível carregar a página.',
    'shell.error.reload': 'Recarregar a página',
    'shell.home.heading': 'Agendamento de entrevistas',
    'shell.home.text': 'Para agendar ou alterar uma entrevista, abra o link do seu e-mail de convite.',
    'shell.home.hr': 'Recrutadores: {link}.',
    'shell.home.signIn': 'entre no console de RH',
    'shell.notFound.heading': 'Página não encontrada',
    'shell.notFound.text': 'Não há nada neste endereço. Se você está agendando uma entrevista, abra o link do seu e-mail de convite.',
  },
  ja: {
    'shell.skip': 'メインコンテンツへスキップ',
    'shell.loading': '読み込んでいます…',
    'shell.error.heading': '問題が発生しました',
    'shell.error.text': 'ページを読み込めませんでした。',
    'shell.error.reload': 'ページを再読み込み',
    'shell.home.heading': '面接予約',
    'shell.home.text': '面接の予約や変更は、招待メールのリンクから行ってください。',
    'shell.home.hr': '採用担当者の方: {link}。',
    'shell.home.signIn': 'HR コンソールにサインイン',
    'shell.notFound.heading': 'ページが見つかりません',
    'shell.notFound.text': 'このアドレスには何もありません。面接を予約する場合は、招待メールのリンクを開いてください。',
  },
  ar: {
    'shell.skip': 'تخطَّ إلى المحتوى',
    'shell.loading': 'جارٍ التحميل…',
    'shell.error.heading': 'حدث خطأ ما',
    'shell.error.text': 'تعذّر تحميل الصفحة.',
    'shell.error.reload': 'أعد تحميل الصفحة',
    'shell.home.heading': 'حجز المقابلات',
    'shell.home.text': 'لحجز مقابلة أو تغييرها، افتح الرابط الموجود في رسالة الدعوة.',
    'shell.home.hr': 'لمسؤولي التوظيف: {link}.',
    'shell.home.signIn': 'سجّل الدخول إلى لوحة الموارد البشرية',
    'shell.notFound.heading': 'الصفحة غير موجودة',
    'shell.notFound.text': 'لا يوجد شيء على هذا العنوان. إذا كنت تحجز مقابلة، فافتح الرابط الموجود في رسالة الدعوة.',
  },
};
