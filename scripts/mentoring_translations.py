# ruff: noqa: E501  (a table of whole sentences)
"""The Spanish and French translations of peer mentoring's strings (and the few people-app
strings not yet translated when mentoring merged it), re-applied after a catalogue merge:
    /work/main/.venv/bin/python scripts/mentoring_translations.py
French: a no-break space goes before : ; ! ? and inside « » (added below)."""

import re
import sys

import polib

# msgid (or "context|msgid") -> (es, fr)
T = {
    "Everyone whose peer mentoring has ended": (
        "Todas las personas cuya mentoría entre pares ha terminado",
        "Toutes les personnes dont le mentorat entre pairs est terminé",
    ),
    "This activity is private: so few people could never answer anonymously, so it has no survey of its own.": (
        "Esta actividad es privada: tan pocas personas nunca podrían responder de forma anónima, así que no tiene encuesta propia.",
        "Cette activité est privée : si peu de personnes ne pourraient jamais répondre anonymement, elle n'a donc pas d'enquête à elle.",
    ),
    "offers this skill": ("ofrece esta habilidad", "propose cette compétence"),
    "works on this theme": ("trabaja en este tema", "travaille sur ce thème"),
    "speaks a language you speak": (
        "habla un idioma que tú hablas",
        "parle une langue que vous parlez",
    ),
    "Everyone whose peer mentoring has ended answers this one survey, so that nobody's answers can be told apart. Answers are anonymous and shown only together, once enough people have answered.": (
        "Todas las personas cuya mentoría entre pares ha terminado responden esta misma encuesta, para que nadie pueda distinguir las respuestas de nadie. Las respuestas son anónimas y solo se muestran juntas, cuando ha respondido suficiente gente.",
        "Toutes les personnes dont le mentorat entre pairs est terminé répondent à cette même enquête, pour que personne ne puisse distinguer les réponses de quiconque. Les réponses sont anonymes et ne sont montrées qu'ensemble, une fois que suffisamment de personnes ont répondu.",
    ),
    "How useful was the peer mentoring for your work?": (
        "¿Qué tan útil fue la mentoría entre pares para tu trabajo?",
        "Le mentorat entre pairs a-t-il été utile pour votre travail ?",
    ),
    "Not useful": ("Nada útil", "Pas utile"),
    "Very useful": ("Muy útil", "Très utile"),
    "How many times did you meet?": (
        "¿Cuántas veces se reunieron?",
        "Combien de fois vous êtes-vous rencontrés ?",
    ),
    "Once": ("Una vez", "Une fois"),
    "Two or three times": ("Dos o tres veces", "Deux ou trois fois"),
    "Four times or more": ("Cuatro veces o más", "Quatre fois ou plus"),
    "Could you work well in the language you used (or with interpretation)?": (
        "¿Pudiste trabajar bien en el idioma que usaron (o con interpretación)?",
        "Avez-vous pu bien travailler dans la langue utilisée (ou avec interprétation) ?",
    ),
    "Not at all": ("Para nada", "Pas du tout"),
    "Very well": ("Muy bien", "Très bien"),
    "What would make peer mentoring better?": (
        "¿Qué mejoraría la mentoría entre pares?",
        "Qu'est-ce qui améliorerait le mentorat entre pairs ?",
    ),
    "Peer mentoring: how was it?": (
        "Mentoría entre pares: ¿cómo te fue?",
        "Mentorat entre pairs : comment cela s'est-il passé ?",
    ),
    "Choose a topic": ("Elige un tema", "Choisissez un sujet"),
    "Skills": ("Habilidades", "Compétences"),
    "I would like mentoring on": ("Me gustaría una mentoría sobre", "J'aimerais un mentorat sur"),
    "Also suggest people who speak none of my languages.": (
        "Sugerir también personas que no hablan ninguno de mis idiomas.",
        "Suggérer aussi des personnes qui ne parlent aucune de mes langues.",
    ),
    "What you would like to learn, and how you would like to meet. Only this person reads it; not even the Learning Lab team sees it.": (
        "Lo que te gustaría aprender y cómo te gustaría reunirte. Solo esta persona lo lee; ni siquiera el equipo del Learning Lab lo ve.",
        "Ce que vous aimeriez apprendre, et comment vous aimeriez vous rencontrer. Seule cette personne le lit ; même l'équipe du Learning Lab ne le voit pas.",
    ),
    "For example, when you might have time, or someone else to ask.": (
        "Por ejemplo, cuándo podrías tener tiempo, o a quién más preguntar.",
        "Par exemple, quand vous pourriez avoir du temps, ou à qui d'autre demander.",
    ),
    "Sessions still to come are cancelled, and you are both invited to the anonymous survey.": (
        "Las sesiones por venir se cancelan, y ambas personas reciben la invitación a la encuesta anónima.",
        "Les séances à venir sont annulées, et vous êtes tous deux invités à l'enquête anonyme.",
    ),
    "Length": ("Duración", "Durée"),
    "peer": ("par", "pair"),
    "skill": ("habilidad", "compétence"),
    "message": ("mensaje", "message"),
    "This request is %(state)s: that is no longer possible.": (
        "Esta solicitud está en estado «%(state)s»: eso ya no es posible.",
        "Cette demande est à l'état « %(state)s » : ce n'est plus possible.",
    ),
    "You have sent %(count)s mentoring requests today: please wait until tomorrow before asking someone else.": (
        "Hoy enviaste %(count)s solicitudes de mentoría: espera hasta mañana antes de pedírselo a otra persona.",
        "Vous avez envoyé %(count)s demandes de mentorat aujourd'hui : attendez demain avant de demander à quelqu'un d'autre.",
    ),
    "Choose a skill or a theme to ask about.": (
        "Elige una habilidad o un tema sobre el que preguntar.",
        "Choisissez une compétence ou un thème.",
    ),
    "You share no language with this person. Say that interpretation is fine for you, or choose someone else.": (
        "No compartes ningún idioma con esta persona. Indica que la interpretación te parece bien, o elige a otra persona.",
        "Vous ne partagez aucune langue avec cette personne. Indiquez que l'interprétation vous convient, ou choisissez quelqu'un d'autre.",
    ),
    "That is no longer possible for this request.": (
        "Eso ya no es posible para esta solicitud.",
        "Ce n'est plus possible pour cette demande.",
    ),
    "Thank you! We have introduced you to each other by email. Now plan a first session.": (
        "¡Gracias! Les hemos presentado por correo electrónico. Ahora planifiquen una primera sesión.",
        "Merci ! Nous vous avons présentés l'un à l'autre par e-mail. Planifiez maintenant une première séance.",
    ),
    "The peer mentoring has ended. Thank you! Your invitation to the anonymous survey is on its way.": (
        "La mentoría entre pares ha terminado. ¡Gracias! Tu invitación a la encuesta anónima está en camino.",
        "Le mentorat entre pairs est terminé. Merci ! Votre invitation à l'enquête anonyme est en route.",
    ),
    "Peer mentoring: requests to me, answers and introductions": (
        "Mentoría entre pares: solicitudes que recibo, respuestas y presentaciones",
        "Mentorat entre pairs : les demandes qui me sont adressées, les réponses et les présentations",
    ),
    "Mentoring ended: the feedback survey": (
        "Mentoría terminada: la encuesta de opinión",
        "Mentorat terminé : l'enquête de retour",
    ),
    "language level|basic": ("básico", "de base"),
    "language level|fluent": ("fluido", "courant"),
    "language level|working": ("de trabajo", "de travail"),
    "language level|first language": ("lengua materna", "langue maternelle"),
    "skills": ("habilidades", "compétences"),
    "what I am looking for": ("lo que busco", "ce que je cherche"),
    "list me in the people directory": (
        "aparecer en el directorio de personas",
        "m'inscrire dans l'annuaire des personnes",
    ),
    "how well": ("nivel", "niveau"),
    "You asked %(name)s: %(topic)s": (
        "Le pediste a %(name)s: %(topic)s",
        "Vous avez demandé à %(name)s : %(topic)s",
    ),
    "%(name)s asked you: %(topic)s": (
        "%(name)s te pidió: %(topic)s",
        "%(name)s vous a demandé : %(topic)s",
    ),
    "Choose a topic: we suggest peers who offer it and share a language with you, and say why. People who chose not to be listed are never suggested.": (
        "Elige un tema: te sugerimos pares que lo ofrecen y comparten un idioma contigo, y te decimos por qué. Nunca sugerimos a quienes eligieron no aparecer.",
        "Choisissez un sujet : nous vous suggérons des pairs qui le proposent et partagent une langue avec vous, et nous disons pourquoi. Les personnes qui ont choisi de ne pas figurer dans l'annuaire ne sont jamais suggérées.",
    ),
    "Suggested peers": ("Pares sugeridos", "Pairs suggérés"),
    "You have asked this person already: wait for their answer.": (
        "Ya se lo pediste a esta persona: espera su respuesta.",
        "Vous avez déjà demandé à cette personne : attendez sa réponse.",
    ),
    "You have already asked this person: wait for their answer.": (
        "Ya se lo pediste a esta persona: espera su respuesta.",
        "Vous avez déjà demandé à cette personne : attendez sa réponse.",
    ),
    "Nobody offers this yet in a language you speak.": (
        "Todavía nadie lo ofrece en un idioma que hables.",
        "Personne ne le propose encore dans une langue que vous parlez.",
    ),
    "Try another topic, or say that interpretation is fine for you.": (
        "Prueba otro tema, o indica que la interpretación te parece bien.",
        "Essayez un autre sujet, ou indiquez que l'interprétation vous convient.",
    ),
    "Decline the request from %(name)s": (
        "Rechazar la solicitud de %(name)s",
        "Décliner la demande de %(name)s",
    ),
    "Saying no is fine. We tell them kindly, with your note if you write one.": (
        "Decir que no está bien. Se lo comunicamos con amabilidad, con tu nota si escribes una.",
        "Dire non, c'est bien aussi. Nous le lui disons avec délicatesse, avec votre note si vous en écrivez une.",
    ),
    "End your peer mentoring with %(name)s": (
        "Terminar tu mentoría entre pares con %(name)s",
        "Mettre fin à votre mentorat entre pairs avec %(name)s",
    ),
    "Either of you can end it at any time. Afterwards you are both invited to an anonymous survey that everyone whose mentoring ended answers together, so nobody can tell your answers apart.": (
        "Cualquiera de las dos personas puede terminarla en cualquier momento. Después, ambas reciben la invitación a una encuesta anónima que responden juntas todas las personas cuya mentoría terminó, para que nadie pueda distinguir sus respuestas.",
        "L'un ou l'autre peut y mettre fin à tout moment. Vous êtes ensuite tous deux invités à une enquête anonyme à laquelle répondent ensemble toutes les personnes dont le mentorat est terminé, pour que personne ne puisse distinguer vos réponses.",
    ),
    "End it": ("Terminarla", "Y mettre fin"),
    "Learn from a peer who offers what you are looking for, in a language you share. Only the two of you see your requests and sessions.": (
        "Aprende de un par que ofrece lo que buscas, en un idioma que comparten. Solo ustedes dos ven sus solicitudes y sesiones.",
        "Apprenez d'un pair qui propose ce que vous cherchez, dans une langue que vous partagez. Vous seuls voyez vos demandes et vos séances.",
    ),
    "Under way": ("En curso", "En cours"),
    "They receive your request by email in their language, without your email address. If they accept, we introduce you to each other.": (
        "Recibe tu solicitud por correo electrónico en su idioma, sin tu dirección de correo. Si acepta, les presentamos.",
        "Cette personne reçoit votre demande par e-mail dans sa langue, sans votre adresse e-mail. Si elle accepte, nous vous présentons l'un à l'autre.",
    ),
    "Plan a session with %(name)s": (
        "Planificar una sesión con %(name)s",
        "Planifier une séance avec %(name)s",
    ),
    "The session is private: only the two of you (and the Learning Lab team) see it. You both get it in your calendar, with the reminders you chose.": (
        "La sesión es privada: solo ustedes dos (y el equipo del Learning Lab) la ven. Ambas personas la reciben en su calendario, con los recordatorios que eligieron.",
        "La séance est privée : vous seuls (et l'équipe du Learning Lab) la voyez. Vous la recevez tous deux dans votre calendrier, avec les rappels que vous avez choisis.",
    ),
    "Good news: %(other_name)s accepted your request for peer mentoring on “%(topic)s”.": (
        "Buenas noticias: %(other_name)s aceptó tu solicitud de mentoría entre pares sobre «%(topic)s».",
        "Bonne nouvelle : %(other_name)s a accepté votre demande de mentorat entre pairs sur « %(topic)s ».",
    ),
    "Thank you for accepting to mentor %(other_name)s on “%(topic)s”.": (
        "Gracias por aceptar acompañar a %(other_name)s como mentora o mentor sobre «%(topic)s».",
        "Merci d'avoir accepté d'accompagner %(other_name)s en mentorat sur « %(topic)s ».",
    ),
    "Let us introduce you: you can write to %(other_name)s at %(other_email)s.": (
        "Les presentamos: puedes escribir a %(other_name)s a %(other_email)s.",
        "Nous vous présentons : vous pouvez écrire à %(other_name)s à l'adresse %(other_email)s.",
    ),
    "You both speak %(spoken)s.": (
        "Ambas personas hablan %(spoken)s.",
        "Vous parlez tous deux la langue suivante : %(spoken)s.",
    ),
    "You share no language: you would work with interpretation. The Learning Lab team can help you find it.": (
        "No comparten ningún idioma: trabajarían con interpretación. El equipo del Learning Lab puede ayudarles a encontrarla.",
        "Vous ne partagez aucune langue : vous travailleriez avec interprétation. L'équipe du Learning Lab peut vous aider à la trouver.",
    ),
    "You share no language: you would work with interpretation.": (
        "No comparten ningún idioma: trabajarían con interpretación.",
        "Vous ne partagez aucune langue : vous travailleriez avec interprétation.",
    ),
    "Plan your first session on the portal: it is private, only the two of you see it, and you both get it in your calendar with the usual reminders.": (
        "Planifiquen su primera sesión en el portal: es privada, solo ustedes dos la ven, y ambas personas la reciben en su calendario con los recordatorios habituales.",
        "Planifiez votre première séance sur le portail : elle est privée, vous seuls la voyez, et vous la recevez tous deux dans votre calendrier avec les rappels habituels.",
    ),
    "Peer mentoring: meet %(other_name)s": (
        "Mentoría entre pares: te presentamos a %(other_name)s",
        "Mentorat entre pairs : faites connaissance avec %(other_name)s",
    ),
    "%(other_name)s cannot take on peer mentoring on “%(topic)s” at the moment. Thank you for asking: it takes courage, and it is never a judgement on you.": (
        "%(other_name)s no puede asumir una mentoría entre pares sobre «%(topic)s» en este momento. Gracias por pedirlo: hace falta valor, y nunca es un juicio sobre ti.",
        "%(other_name)s ne peut pas assurer de mentorat entre pairs sur « %(topic)s » en ce moment. Merci d'avoir demandé : cela demande du courage, et ce n'est jamais un jugement sur vous.",
    ),
    "Other peers may offer the same: you can ask someone else.": (
        "Otros pares pueden ofrecer lo mismo: puedes pedírselo a otra persona.",
        "D'autres pairs proposent peut-être la même chose : vous pouvez demander à quelqu'un d'autre.",
    ),
    "Your peer mentoring request: %(topic)s": (
        "Tu solicitud de mentoría entre pares: %(topic)s",
        "Votre demande de mentorat entre pairs : %(topic)s",
    ),
    "%(other_name)s has ended your peer mentoring on “%(topic)s”.": (
        "%(other_name)s ha terminado su mentoría entre pares sobre «%(topic)s».",
        "%(other_name)s a mis fin à votre mentorat entre pairs sur « %(topic)s ».",
    ),
    "Your peer mentoring with %(other_name)s on “%(topic)s” has ended.": (
        "Tu mentoría entre pares con %(other_name)s sobre «%(topic)s» ha terminado.",
        "Votre mentorat entre pairs avec %(other_name)s sur « %(topic)s » est terminé.",
    ),
    "Thank you both for your time and trust.": (
        "Gracias a ambas personas por su tiempo y su confianza.",
        "Merci à vous deux pour votre temps et votre confiance.",
    ),
    "How was it? Everyone whose peer mentoring ended answers the same anonymous survey, so nobody can tell your answers apart, not even the team. Results are shown only together, once enough people have answered.": (
        "¿Cómo te fue? Todas las personas cuya mentoría entre pares terminó responden la misma encuesta anónima, así que nadie puede distinguir tus respuestas, ni siquiera el equipo. Los resultados solo se muestran juntos, cuando ha respondido suficiente gente.",
        "Comment cela s'est-il passé ? Toutes les personnes dont le mentorat entre pairs est terminé répondent à la même enquête anonyme : personne ne peut distinguer vos réponses, pas même l'équipe. Les résultats ne sont montrés qu'ensemble, une fois que suffisamment de personnes ont répondu.",
    ),
    "Peer mentoring with %(other_name)s has ended": (
        "La mentoría entre pares con %(other_name)s ha terminado",
        "Le mentorat entre pairs avec %(other_name)s est terminé",
    ),
    "%(other_name)s would like peer mentoring from you on “%(topic)s”.": (
        "A %(other_name)s le gustaría recibir de ti una mentoría entre pares sobre «%(topic)s».",
        "%(other_name)s aimerait un mentorat entre pairs de votre part sur « %(topic)s ».",
    ),
    "You are free to say yes or no, and there is no hurry. If you accept, we introduce you to each other by email; until then, neither of you sees the other's address.": (
        "Eres libre de decir que sí o que no, y no hay prisa. Si aceptas, les presentamos por correo electrónico; hasta entonces, ninguna de las dos personas ve la dirección de la otra.",
        "Vous êtes libre de dire oui ou non, et rien ne presse. Si vous acceptez, nous vous présentons l'un à l'autre par e-mail ; d'ici là, aucun de vous ne voit l'adresse de l'autre.",
    ),
    "%(other_name)s asks you for peer mentoring: %(topic)s": (
        "%(other_name)s te pide una mentoría entre pares: %(topic)s",
        "%(other_name)s vous demande un mentorat entre pairs : %(topic)s",
    ),
    "Private: only the people invited": (
        "Privada: solo las personas invitadas",
        "Privée : seulement les personnes invitées",
    ),
    "Only a private activity has invited people.": (
        "Solo una actividad privada tiene personas invitadas.",
        "Seule une activité privée a des personnes invitées.",
    ),
    "mentoring request|Waiting for an answer": ("Esperando respuesta", "En attente de réponse"),
    "mentoring request|Accepted": ("Aceptada", "Acceptée"),
    "mentoring request|Declined": ("Rechazada", "Déclinée"),
    "mentoring request|Withdrawn": ("Retirada", "Retirée"),
    "mentoring request|Ended": ("Terminada", "Terminée"),
    "no shared language: with interpretation": (
        "sin idioma compartido: con interpretación",
        "aucune langue partagée : avec interprétation",
    ),
    "works in your region": ("trabaja en tu región", "travaille dans votre région"),
    "works in another region": ("trabaja en otra región", "travaille dans une autre région"),
    "has hosted activities on this topic": (
        "ha organizado actividades sobre este tema",
        "a animé des activités sur ce sujet",
    ),
    "has mentored before": ("ya ha sido mentora o mentor", "a déjà fait du mentorat"),
    "Interpretation is fine for me": (
        "La interpretación me parece bien",
        "L'interprétation me convient",
    ),
    "Your message (optional)": ("Tu mensaje (opcional)", "Votre message (facultatif)"),
    "A kind note (optional)": ("Una nota amable (opcional)", "Un mot aimable (facultatif)"),
    "Yes, end this peer mentoring": (
        "Sí, terminar esta mentoría entre pares",
        "Oui, mettre fin à ce mentorat entre pairs",
    ),
    "Starts": ("Empieza", "Début"),
    "%(minutes)s minutes": ("%(minutes)s minutos", "%(minutes)s minutes"),
    "Online meeting link": ("Enlace de la reunión en línea", "Lien de la réunion en ligne"),
    "theme": ("tema", "thème"),
    "interpretation is fine": ("la interpretación está bien", "l'interprétation convient"),
    "note": ("nota", "note"),
    "ended": ("terminada", "terminé"),
    "mentoring request": ("solicitud de mentoría", "demande de mentorat"),
    "mentoring requests": ("solicitudes de mentoría", "demandes de mentorat"),
    "mentoring session": ("sesión de mentoría", "séance de mentorat"),
    "mentoring sessions": ("sesiones de mentoría", "séances de mentorat"),
    "Peer mentoring is for the people of the Learning Lab's partner organisations.": (
        "La mentoría entre pares es para las personas de las organizaciones socias del Learning Lab.",
        "Le mentorat entre pairs est réservé aux personnes des organisations partenaires du Learning Lab.",
    ),
    "Only the person asked can answer this request.": (
        "Solo la persona a quien se pidió puede responder esta solicitud.",
        "Seule la personne sollicitée peut répondre à cette demande.",
    ),
    "Only the person who asked can withdraw this request.": (
        "Solo la persona que la envió puede retirar esta solicitud.",
        "Seule la personne qui a demandé peut retirer cette demande.",
    ),
    "Only the two people of this mentoring can do this.": (
        "Solo las dos personas de esta mentoría pueden hacerlo.",
        "Seules les deux personnes de ce mentorat peuvent le faire.",
    ),
    "This person does not offer mentoring on this topic.": (
        "Esta persona no ofrece mentoría sobre este tema.",
        "Cette personne ne propose pas de mentorat sur ce sujet.",
    ),
    "This request changed while you were reading it. Look at it again.": (
        "Esta solicitud cambió mientras la leías. Vuelve a mirarla.",
        "Cette demande a changé pendant que vous la lisiez. Regardez-la à nouveau.",
    ),
    "Peer mentoring: %(topic)s": (
        "Mentoría entre pares: %(topic)s",
        "Mentorat entre pairs : %(topic)s",
    ),
    "Choose how long the session lasts.": (
        "Elige cuánto dura la sesión.",
        "Choisissez la durée de la séance.",
    ),
    "Choose a time still to come.": ("Elige una hora futura.", "Choisissez un moment à venir."),
    "The mentoring has ended.": ("La mentoría ha terminado.", "Le mentorat est terminé."),
    "Your request is sent to %(name)s.": (
        "Tu solicitud se envió a %(name)s.",
        "Votre demande est envoyée à %(name)s.",
    ),
    "This form is out of date. Look at the request again.": (
        "Este formulario está desactualizado. Vuelve a mirar la solicitud.",
        "Ce formulaire n'est plus à jour. Regardez à nouveau la demande.",
    ),
    "Your answer is sent, with kindness.": (
        "Tu respuesta se envió, con amabilidad.",
        "Votre réponse est envoyée, avec délicatesse.",
    ),
    "Your request is withdrawn.": ("Tu solicitud se retiró.", "Votre demande est retirée."),
    "The session is planned: you both have it in your calendar.": (
        "La sesión está planificada: ambas personas la tienen en su calendario.",
        "La séance est planifiée : vous l'avez tous deux dans votre calendrier.",
    ),
    "Mentoring request": ("Solicitud de mentoría", "Demande de mentorat"),
    "Mentoring accepted: an introduction": (
        "Mentoría aceptada: una presentación",
        "Mentorat accepté : une présentation",
    ),
    "Mentoring declined": ("Mentoría rechazada", "Mentorat décliné"),
    "The Learning Lab community": (
        "La comunidad del Learning Lab",
        "La communauté du Learning Lab",
    ),
    "Only the people of my own organisation": (
        "Solo las personas de mi propia organización",
        "Seulement les personnes de ma propre organisation",
    ),
    "what I work on": ("en qué trabajo", "ce sur quoi je travaille"),
    "what I can offer": ("lo que puedo ofrecer", "ce que je peux offrir"),
    "description of the photo": ("descripción de la foto", "description de la photo"),
    "who sees my profile": ("quién ve mi perfil", "qui voit mon profil"),
    "profile": ("perfil", "profil"),
    "profiles": ("perfiles", "profils"),
    "spoken language": ("idioma hablado", "langue parlée"),
    "spoken languages": ("idiomas hablados", "langues parlées"),
    "Your profile changed since you opened the page. Reload it and try again.": (
        "Tu perfil cambió desde que abriste la página. Vuelve a cargarla e inténtalo de nuevo.",
        "Votre profil a changé depuis que vous avez ouvert la page. Rechargez-la et réessayez.",
    ),
    "This is not a language the portal knows. Choose one from the list.": (
        "El portal no conoce este idioma. Elige uno de la lista.",
        "Le portail ne connaît pas cette langue. Choisissez-en une dans la liste.",
    ),
    "Ask for mentoring": ("Pedir una mentoría", "Demander un mentorat"),
    "Find peers": ("Buscar pares", "Trouver des pairs"),
    "Ask %(name)s": ("Pedírselo a %(name)s", "Demander à %(name)s"),
    "Back to the request": ("Volver a la solicitud", "Retour à la demande"),
    "End this peer mentoring": (
        "Terminar esta mentoría entre pares",
        "Mettre fin à ce mentorat entre pairs",
    ),
    "Back to the mentoring": ("Volver a la mentoría", "Retour au mentorat"),
    "Waiting for your answer": ("Esperando tu respuesta", "En attente de votre réponse"),
    "Other requests": ("Otras solicitudes", "Autres demandes"),
    "No mentoring yet.": ("Todavía no hay mentorías.", "Pas encore de mentorat."),
    "Ask %(name)s for mentoring": (
        "Pedir una mentoría a %(name)s",
        "Demander un mentorat à %(name)s",
    ),
    "Topic: %(topic)s": ("Tema: %(topic)s", "Sujet : %(topic)s"),
    "Send the request": ("Enviar la solicitud", "Envoyer la demande"),
    "Plan a session": ("Planificar una sesión", "Planifier une séance"),
    "Type the time in your time zone (%(zone)s): %(name)s sees it in theirs.": (
        "Escribe la hora en tu zona horaria (%(zone)s): %(name)s la ve en la suya.",
        "Saisissez l'heure dans votre fuseau horaire (%(zone)s) : %(name)s la voit dans le sien.",
    ),
    "Plan the session": ("Planificar la sesión", "Planifier la séance"),
    "Your request to %(name)s": ("Tu solicitud a %(name)s", "Votre demande à %(name)s"),
    "Request from %(name)s": ("Solicitud de %(name)s", "Demande de %(name)s"),
    "With interpretation": ("Con interpretación", "Avec interprétation"),
    "Message": ("Mensaje", "Message"),
    "Their note": ("Su nota", "Sa note"),
    "Their note:": ("Su nota:", "Sa note :"),
    "Their message:": ("Su mensaje:", "Son message :"),
    "You can write to %(name)s at %(email)s.": (
        "Puedes escribir a %(name)s a %(email)s.",
        "Vous pouvez écrire à %(name)s à l'adresse %(email)s.",
    ),
    "Withdraw my request": ("Retirar mi solicitud", "Retirer ma demande"),
    "No session planned yet.": (
        "Todavía no hay ninguna sesión planificada.",
        "Aucune séance planifiée pour l'instant.",
    ),
    "fewer than %(count)s": ("menos de %(count)s", "moins de %(count)s"),
    "Requests": ("Solicitudes", "Demandes"),
    "Matches": ("Parejas formadas", "Binômes formés"),
    "mentoring figures|Declined": ("Rechazadas", "Déclinées"),
    "mentoring figures|Ended": ("Terminadas", "Terminés"),
    "Peer mentoring in figures": (
        "La mentoría entre pares en cifras",
        "Le mentorat entre pairs en chiffres",
    ),
    "By topic": ("Por tema", "Par sujet"),
    "By language": ("Por idioma", "Par langue"),
    "Let us introduce you: %(other_name)s will write to you first, from the address they choose.": (
        "Les presentamos: %(other_name)s te escribirá primero, desde la dirección que elija.",
        "Nous vous présentons : %(other_name)s vous écrira en premier, depuis l'adresse de son choix.",
    ),
    "To keep your organisation hidden, we did not give %(other_name)s your address: please write first, from the address you choose.": (
        "Para que tu organización siga oculta, no le dimos tu dirección a %(other_name)s: escribe tú primero, desde la dirección que elijas.",
        "Pour que votre organisation reste masquée, nous n'avons pas donné votre adresse à %(other_name)s : écrivez en premier, depuis l'adresse de votre choix.",
    ),
    "To keep your organisation hidden, %(name)s does not see your address: please write first, from the address you choose.": (
        "Para que tu organización siga oculta, %(name)s no ve tu dirección: escribe tú primero, desde la dirección que elijas.",
        "Pour que votre organisation reste masquée, %(name)s ne voit pas votre adresse : écrivez en premier, depuis l'adresse de votre choix.",
    ),
}

MINE = frozenset(T)
# The people app's strings, untranslated when mentoring merged it: filled only where the
# catalogue has nothing (the people app's own translations win).
T.update(
    {
        "Your organisation is hidden: only its members and the Learning Lab team know it exists. If you tick this, other partners can find you in the people directory, with your profile but never with your organisation's name, city or anything else about it. If you do not, only your colleagues and the team see your profile.": (
            "Tu organización está oculta: solo sus miembros y el equipo del Learning Lab saben que existe. Si marcas esto, otras organizaciones socias pueden encontrarte en el directorio de personas, con tu perfil pero nunca con el nombre, la ciudad ni nada más de tu organización. Si no, solo tus colegas y el equipo ven tu perfil.",
            "Votre organisation est masquée : seuls ses membres et l'équipe du Learning Lab savent qu'elle existe. Si vous cochez ceci, les autres partenaires peuvent vous trouver dans l'annuaire des personnes, avec votre profil mais jamais avec le nom, la ville ou quoi que ce soit d'autre de votre organisation. Sinon, seuls vos collègues et l'équipe voient votre profil.",
        ),
        "What I work on": ("En qué trabajo", "Ce sur quoi je travaille"),
        "What I can offer": ("Lo que puedo ofrecer", "Ce que je peux offrir"),
        "What I am looking for": ("Lo que busco", "Ce que je cherche"),
        "Region where I live": ("Región donde vivo", "Région où je vis"),
        "I would rather not say": ("Prefiero no decirlo", "Je préfère ne pas le dire"),
        "I write my introduction in": ("Escribo mi presentación en", "J'écris ma présentation en"),
        "Who sees my profile": ("Quién ve mi perfil", "Qui voit mon profil"),
        "A short introduction": ("Una breve presentación", "Une courte présentation"),
        "How well": ("Nivel", "Niveau"),
        "List me in the people directory, without my organisation": (
            "Incluirme en el directorio de personas, sin mi organización",
            "M'inscrire dans l'annuaire des personnes, sans mon organisation",
        ),
        "Works on": ("Trabaja en", "Travaille sur"),
        "Offers": ("Ofrece", "Propose"),
        "Speaks": ("Habla", "Parle"),
        "Only the person themselves can change their profile.": (
            "Solo la propia persona puede cambiar su perfil.",
            "Seule la personne elle-même peut modifier son profil.",
        ),
        "The people directory is for members of the Learning Lab's partner organisations.": (
            "El directorio de personas es para los miembros de las organizaciones socias del Learning Lab.",
            "L'annuaire des personnes est réservé aux membres des organisations partenaires du Learning Lab.",
        ),
        "Choose the language you write your introduction in.": (
            "Elige el idioma en que escribes tu presentación.",
            "Choisissez la langue dans laquelle vous écrivez votre présentation.",
        ),
        "Choose who sees your profile.": (
            "Elige quién ve tu perfil.",
            "Choisissez qui voit votre profil.",
        ),
        "List at most %(count)s languages.": (
            "Indica como máximo %(count)s idiomas.",
            "Indiquez au plus %(count)s langues.",
        ),
        "Your profile is saved.": ("Tu perfil se guardó.", "Votre profil est enregistré."),
        "Your photo is saved, without its location or other details.": (
            "Tu foto se guardó, sin su ubicación ni otros detalles.",
            "Votre photo est enregistrée, sans son lieu ni d'autres détails.",
        ),
        "Your photo is removed.": ("Tu foto se eliminó.", "Votre photo est supprimée."),
        "Shared themes:": ("Temas en común:", "Thèmes en commun :"),
        "Offers:": ("Ofrece:", "Propose :"),
        "Speaks:": ("Habla:", "Parle :"),
        "Filter people": ("Filtrar personas", "Filtrer les personnes"),
        "Nobody matches these filters.": (
            "Nadie coincide con estos filtros.",
            "Personne ne correspond à ces filtres.",
        ),
        "Tell other partners what you work on, what you can share and what you are looking for. Everything is optional.": (
            "Cuéntales a otras organizaciones socias en qué trabajas, qué puedes compartir y qué buscas. Todo es opcional.",
            "Dites aux autres partenaires sur quoi vous travaillez, ce que vous pouvez partager et ce que vous cherchez. Tout est facultatif.",
        ),
        "See my profile as others see it": (
            "Ver mi perfil como lo ven los demás",
            "Voir mon profil tel que les autres le voient",
        ),
        "Find people": ("Buscar personas", "Trouver des personnes"),
        "Languages I speak": ("Idiomas que hablo", "Langues que je parle"),
        "Write in the language you choose; add translations if you can, in the other boxes.": (
            "Escribe en el idioma que elijas; añade traducciones si puedes, en los otros recuadros.",
            "Écrivez dans la langue de votre choix ; ajoutez des traductions si vous le pouvez, dans les autres cases.",
        ),
        "Save my profile": ("Guardar mi perfil", "Enregistrer mon profil"),
        "Remove my photo": ("Quitar mi foto", "Supprimer ma photo"),
        "Change my photo": ("Cambiar mi foto", "Changer ma photo"),
        "No photo.": ("Sin foto.", "Pas de photo."),
        "Edit my profile": ("Editar mi perfil", "Modifier mon profil"),
        "Can offer": ("Puede ofrecer", "Peut offrir"),
        "Is looking for": ("Busca", "Cherche"),
        "My photo": ("Mi foto", "Ma photo"),
        "Only people who may see your profile see your photo. The portal keeps only the picture: the place where it was taken, the date and the device are removed.": (
            "Solo quienes pueden ver tu perfil ven tu foto. El portal guarda solo la imagen: se eliminan el lugar donde se tomó, la fecha y el dispositivo.",
            "Seules les personnes qui peuvent voir votre profil voient votre photo. Le portail ne garde que l'image : le lieu où elle a été prise, la date et l'appareil sont supprimés.",
        ),
        "Save the photo": ("Guardar la foto", "Enregistrer la photo"),
        "Partners learn from each other across regions: each region's page gathers its partners, coming activities and, for the community, its people and peers elsewhere working on the same themes.": (
            "Las organizaciones socias aprenden unas de otras entre regiones: la página de cada región reúne sus organizaciones socias, sus próximas actividades y, para la comunidad, sus personas y pares de otras regiones que trabajan en los mismos temas.",
            "Les partenaires apprennent les uns des autres d'une région à l'autre : la page de chaque région rassemble ses partenaires, ses activités à venir et, pour la communauté, ses personnes et des pairs d'ailleurs qui travaillent sur les mêmes thèmes.",
        ),
        "All partners of the region": (
            "Todas las organizaciones socias de la región",
            "Tous les partenaires de la région",
        ),
        "No partner to show in this region.": (
            "No hay organizaciones socias que mostrar en esta región.",
            "Aucun partenaire à afficher dans cette région.",
        ),
        "Coming activities": ("Próximas actividades", "Activités à venir"),
        "All activities of the region": (
            "Todas las actividades de la región",
            "Toutes les activités de la région",
        ),
        "No activity coming up in this region.": (
            "No hay actividades próximas en esta región.",
            "Aucune activité à venir dans cette région.",
        ),
        "All people of the region": (
            "Todas las personas de la región",
            "Toutes les personnes de la région",
        ),
        "Nobody has said they live in this region yet.": (
            "Todavía nadie ha dicho que vive en esta región.",
            "Personne n'a encore dit vivre dans cette région.",
        ),
        "Peers in other regions": ("Pares en otras regiones", "Pairs dans d'autres régions"),
        "People elsewhere who work on the same themes as the partners and people of this region.": (
            "Personas de otros lugares que trabajan en los mismos temas que las organizaciones socias y las personas de esta región.",
            "Des personnes d'ailleurs qui travaillent sur les mêmes thèmes que les partenaires et les personnes de cette région.",
        ),
        "No peer to suggest yet.": (
            "Todavía no hay pares que sugerir.",
            "Aucun pair à suggérer pour l'instant.",
        ),
    }
)
# Plurals: msgid -> ((es singular, es plural), (fr singular, fr plural))
PLURALS = {
    "%(counter)s request waits for your answer": (
        (
            "%(counter)s solicitud espera tu respuesta",
            "%(counter)s solicitudes esperan tu respuesta",
        ),
        (
            "%(counter)s demande attend votre réponse",
            "%(counter)s demandes attendent votre réponse",
        ),
    ),
    "%(counter)s under way": (
        ("%(counter)s en curso", "%(counter)s en curso"),
        ("%(counter)s en cours", "%(counter)s en cours"),
    ),
    "Counts only: nobody's name, message or note is shown. A count below %(counter)s is shown as “fewer than %(counter)s”, so that nobody can be recognised.": (
        (
            "Solo cifras: no se muestra el nombre, el mensaje ni la nota de nadie. Una cifra inferior a %(counter)s se muestra como «menos de %(counter)s», para que nadie pueda ser reconocido.",
            "Solo cifras: no se muestra el nombre, el mensaje ni la nota de nadie. Una cifra inferior a %(counter)s se muestra como «menos de %(counter)s», para que nadie pueda ser reconocido.",
        ),
        (
            "Chiffres seulement : ni le nom, ni le message, ni la note de quiconque ne sont montrés. Un chiffre inférieur à %(counter)s est affiché « moins de %(counter)s », pour que personne ne puisse être reconnu.",
            "Chiffres seulement : ni le nom, ni le message, ni la note de quiconque ne sont montrés. Un chiffre inférieur à %(counter)s est affiché « moins de %(counter)s », pour que personne ne puisse être reconnu.",
        ),
    ),
    "%(counter)s partner": (
        ("%(counter)s organización socia", "%(counter)s organizaciones socias"),
        ("%(counter)s partenaire", "%(counter)s partenaires"),
    ),
}

NBSP = "\u00a0"


def french(text: str) -> str:
    text = text.replace("'", "\u2019")
    text = re.sub(r" ([:;!?])", NBSP + r"\1", text)
    return text.replace("« ", "«" + NBSP).replace(" »", NBSP + "»")


def apply(root: str = "locale") -> list[str]:
    missing = []
    for index, language in enumerate(("es", "fr")):
        po = polib.pofile(f"{root}/{language}/LC_MESSAGES/django.po")
        for entry in po:
            key = f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid
            if key in T and (key in MINE or not entry.msgstr or "fuzzy" in entry.flags):
                text = T[key][index]
                entry.msgstr = french(text) if language == "fr" else text
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                entry.previous_msgid = None
                entry.previous_msgctxt = None
                entry.previous_msgid_plural = None
            elif key in PLURALS and (not entry.msgstr_plural.get(0) or "fuzzy" in entry.flags):
                forms = (
                    [french(f) for f in PLURALS[key][index]]
                    if language == "fr"
                    else PLURALS[key][index]
                )
                count = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
                entry.msgstr_plural = {n: forms[min(n, 1)] for n in range(count)}
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                entry.previous_msgid = None
                entry.previous_msgid_plural = None
            elif key not in T and (
                (not entry.msgstr and not entry.msgid_plural) or "fuzzy" in entry.flags
            ):
                missing.append(f"{language}: {key}")
        po.save()
    return missing


if __name__ == "__main__":
    left = apply()
    print("\n".join(left))
    sys.exit(1 if left else 0)
